#pragma once
// What the import wizard's pages decide together, shared by them and owned by the wizard:
// the file and how to read it, the mapping, what the check passed (with the user's fixes to
// single rows) and the last result. These are the ImportOptions the importer takes, so the
// pages fill them in place rather than as QWizard fields; no page knows the wizard class.

#include "records/fielddef.h"
#include "transfer/importoptions.h"
#include "transfer/picklistscanner.h"

#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>

class QWidget;

namespace Rapport {

class Prompter;

class ImportSession : public QObject
{
    Q_OBJECT

public:
    // Asks for a file to read (save = false) or write; "" when the user cancels.
    using FileChooser = std::function<QString(QWidget *parent, const QString &title,
                                              const QString &filter, bool save)>;

    ImportSession(Entity entity, const QString &connection, std::shared_ptr<Prompter> prompter,
                  QObject *parent = nullptr);

    Entity entity() const { return m_options.entity; }
    QString connection() const { return m_connection; }
    Prompter *prompter() const { return m_prompter.get(); }
    void setFileChooser(FileChooser chooser) { m_chooseFile = std::move(chooser); }
    QString chooseFile(QWidget *parent, const QString &title, const QString &filter, bool save);

    // The user's file and choices: encoding, delimiter (empty/null: detected), the mapping
    // (ImportOptions::toDescription() for columns appended to Description).
    ImportOptions &options() { return m_options; }
    // The user's file's headers, as read with the chosen dialect.
    QStringList &headers() { return m_headers; }
    // What the import reads (set by the check page) and the last check's or import's result.
    ImportOptions &checked() { return m_checked; }
    ImportResult &lastResult() { return m_lastResult; }
    // The picklist values of the file that are not in their lists, as mapped (read when the
    // mapping is confirmed): the values page is shown only when there are some.
    PicklistScan &picklistScan() { return m_picklistScan; }
    const ImportResult &lastResult() const { return m_lastResult; }

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
    PicklistScan m_picklistScan;
    FileChooser m_chooseFile;
};

} // namespace Rapport
