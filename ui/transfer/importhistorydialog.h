#pragma once
// File › Import History: every import with its file, record type, time and counts, and
// Undo Import, which (after asking) removes what the import created and restores what it
// updated, through the import journal on a worker thread. The journal refuses when the
// records were changed since; the dialog shows its reason.

#include "records/fielddef.h"

#include <QDialog>
#include <memory>

class QPushButton;
class QTableWidget;

namespace Rapport {

class DbWorker;
class Prompter;

class ImportHistoryDialog : public QDialog
{
    Q_OBJECT

public:
    ImportHistoryDialog(const QString &connection, std::shared_ptr<Prompter> prompter = nullptr,
                        QWidget *parent = nullptr);

    void reload();

Q_SIGNALS:
    // An import of `entity` records was undone: the tabs must read them again.
    void undone(Rapport::Entity entity);

private:
    void updateButtons();
    void undoSelected();

    QString m_connection;
    std::shared_ptr<Prompter> m_prompter;
    DbWorker *m_worker;
    QTableWidget *m_table;
    QPushButton *m_undo;
};

} // namespace Rapport
