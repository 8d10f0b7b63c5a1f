#pragma once
// File › Import: the four steps from a CSV file to records, after Qt's licensewizard
// example (one QWizardPage subclass per page). The wizard holds what the pages decide
// together: the file and how to read it, the mapping, what the check passed (with the
// user's fixes to single rows) and the last result.
// The database work runs on DbWorker threads; the window stays responsive.

#include "records/fielddef.h"
#include "transfer/importoptions.h"

#include <QWizard>
#include <functional>
#include <memory>

namespace Rapport {

class Prompter;

class ImportWizard : public QWizard
{
    Q_OBJECT

public:
    enum PageId { FilePageId, MappingPageId, CheckPageId, RunPageId };
    // Asks for a file to read (save = false) or write; "" when the user cancels.
    using FileChooser = std::function<QString(QWidget *parent, const QString &title,
                                              const QString &filter, bool save)>;

    ImportWizard(Entity entity, const QString &connection,
                 std::shared_ptr<Prompter> prompter = nullptr, QWidget *parent = nullptr);
    ~ImportWizard() override;

    Entity entity() const { return m_options.entity; }
    QString connection() const { return m_connection; }
    Prompter *prompter() const { return m_prompter.get(); }
    void setFileChooser(FileChooser chooser) { m_chooseFile = std::move(chooser); }
    QString chooseFile(const QString &title, const QString &filter, bool save);

    // The user's file and choices: encoding, delimiter (empty/null: detected), the mapping
    // (ImportOptions::toDescription() for columns appended to Description).
    ImportOptions &options() { return m_options; }
    // The user's file's headers, as read with the chosen dialect.
    QStringList &headers() { return m_headers; }
    // What the import reads (set by the check page) and the last check's or import's result.
    ImportOptions &checked() { return m_checked; }
    ImportResult &lastResult() { return m_lastResult; }

    // Esc or the window's close button during the import cancels it; the wizard stays to
    // say that nothing was written.
    void reject() override;

Q_SIGNALS:
    // Records were written (or an import undone): tabs must read them again.
    void imported(Rapport::Entity entity);

private:
    QString m_connection;
    std::shared_ptr<Prompter> m_prompter;
    ImportOptions m_options;
    QStringList m_headers;
    ImportOptions m_checked;
    ImportResult m_lastResult;
    FileChooser m_chooseFile;
};

} // namespace Rapport
