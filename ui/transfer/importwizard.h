#pragma once
// File › Import: the four steps from a CSV file to records, after Qt's licensewizard
// example (one QWizardPage subclass per page). What the pages decide together is their
// ImportSession, which the wizard owns; the accessors below are the session's.
// The database work runs on DbWorker threads; the window stays responsive.

#include "transfer/importsession.h"

#include <QWizard>
#include <memory>

namespace Rapport {

class Prompter;

class ImportWizard : public QWizard
{
    Q_OBJECT

public:
    // The values page is shown only when the file has picklist values that are not in their
    // lists (ImportMappingPage::nextId skips it otherwise).
    enum PageId { FilePageId, MappingPageId, ValuesPageId, CheckPageId, RunPageId };
    using FileChooser = ImportSession::FileChooser;

    ImportWizard(Entity entity, const QString &connection,
                 std::shared_ptr<Prompter> prompter = nullptr, QWidget *parent = nullptr);
    ~ImportWizard() override;

    Entity entity() const { return m_session->entity(); }
    void setFileChooser(FileChooser chooser) { m_session->setFileChooser(std::move(chooser)); }
    const ImportResult &lastResult() const { return m_session->lastResult(); }
    // Starts on this file (one dropped on the window), as if the user had chosen it.
    void setFilePath(const QString &path);

    // Esc or the window's close button during the import cancels it; the wizard stays to
    // say that nothing was written.
    void reject() override;

Q_SIGNALS:
    // Records were written (or an import undone): tabs must read them again.
    void imported(Rapport::Entity entity);

private:
    ImportSession *m_session;
};

} // namespace Rapport
