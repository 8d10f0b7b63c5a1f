#include "transfer/importhistorydialog.h"

#include "storage/dbworker.h"
#include "transfer/importjournal.h"
#include "prompts/prompter.h"
#include "records/recordtypes.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Rapport {

namespace {

enum Column { FileColumn, ModuleColumn, TimeColumn, CreatedColumn, UpdatedColumn,
              SkippedColumn, RejectedColumn, StatusColumn, ColumnCount };

QTableWidgetItem *numberItem(qint64 n)
{
    auto *item = new QTableWidgetItem(QLocale().toString(n));
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

} // namespace

ImportHistoryDialog::ImportHistoryDialog(const QString &connection,
                                         std::shared_ptr<Prompter> prompter, QWidget *parent)
    : QDialog(parent)
    , m_connection(connection)
    , m_prompter(prompter ? std::move(prompter) : Prompter::standard())
    , m_worker(new DbWorker(connection, this))
    , m_table(new QTableWidget(this))
    , m_undo(new QPushButton(tr("&Undo Import…"), this))
{
    setObjectName(QStringLiteral("importHistoryDialog"));
    setWindowTitle(tr("Import History"));
    m_table->setObjectName(QStringLiteral("historyTable"));
    m_table->setColumnCount(ColumnCount);
    m_table->setHorizontalHeaderLabels({tr("File"), tr("Records"), tr("Time"), tr("Created"),
                                        tr("Updated"), tr("Skipped"), tr("Rejected"),
                                        tr("Status")});
    m_table->horizontalHeader()->setSectionResizeMode(FileColumn, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_undo->setObjectName(QStringLiteral("undoImportButton"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_undo, QDialogButtonBox::ActionRole);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_undo, &QPushButton::clicked, this, &ImportHistoryDialog::undoSelected);
    connect(m_table, &QTableWidget::itemSelectionChanged, this,
            &ImportHistoryDialog::updateButtons);
    resize(860, 420);
    reload();
}

void ImportHistoryDialog::reload()
{
    const QList<ImportEntry> entries = ImportJournal(m_connection).list();
    m_table->setRowCount(0);
    m_table->setRowCount(int(entries.size()));
    for (int r = 0; r < entries.size(); ++r) {
        const ImportEntry &e = entries[r];
        auto *file = new QTableWidgetItem(e.file);
        file->setData(Qt::UserRole, e.id);
        file->setData(Qt::UserRole + 1, e.undone);
        m_table->setItem(r, FileColumn, file);
        const auto entity = entityFromName(e.module);
        m_table->setItem(r, ModuleColumn, new QTableWidgetItem(entity ? entityPlural(*entity)
                                                                      : e.module));
        const QDateTime time = QDateTime::fromString(e.time, Qt::ISODate).toLocalTime();
        m_table->setItem(r, TimeColumn,
                         new QTableWidgetItem(QLocale().toString(time, QLocale::ShortFormat)));
        m_table->setItem(r, CreatedColumn, numberItem(e.created));
        m_table->setItem(r, UpdatedColumn, numberItem(e.updated));
        m_table->setItem(r, SkippedColumn, numberItem(e.skipped));
        m_table->setItem(r, RejectedColumn, numberItem(e.rejected));
        m_table->setItem(r, StatusColumn, new QTableWidgetItem(e.undone ? tr("Undone")
                                                                        : QString()));
    }
    if (!entries.isEmpty())
        m_table->selectRow(0);
    updateButtons();
}

void ImportHistoryDialog::updateButtons()
{
    const QTableWidgetItem *file = m_table->item(m_table->currentRow(), FileColumn);
    m_undo->setEnabled(!m_worker->isRunning() && file && !m_table->selectedItems().isEmpty()
                       && !file->data(Qt::UserRole + 1).toBool());
}

void ImportHistoryDialog::undoSelected()
{
    const int row = m_table->currentRow();
    const QTableWidgetItem *file = m_table->item(row, FileColumn);
    if (!file || m_worker->isRunning())
        return;
    const qint64 id = file->data(Qt::UserRole).toLongLong();
    const Question question{
        tr("Undo Import"), tr("Undo the import of “%1”?").arg(file->text()),
        tr("The records it created are deleted and the records it updated get their earlier "
           "values back."),
        {{tr("Undo Import"), QMessageBox::AcceptRole}, {tr("Cancel"), QMessageBox::RejectRole}},
        1};
    if (m_prompter->ask(this, question) != 0)
        return;
    auto result = std::make_shared<std::pair<ImportJournal::UndoResult, QString>>();
    auto module = std::make_shared<QString>();
    m_undo->setEnabled(false);
    m_worker->start(
        [id, result, module](const QString &connection) {
            ImportJournal journal(connection);
            if (const auto entry = journal.find(id))
                *module = entry->module;
            result->first = journal.undo(id);
            result->second = journal.errorString();
        },
        [this, result, module](const QString &error) {
            reload();
            if (!error.isEmpty() || result->first != ImportJournal::UndoResult::Done) {
                m_prompter->warn(this, tr("Undo Import"),
                                 error.isEmpty() ? result->second : error);
                return;
            }
            if (const auto undoneEntity = entityFromName(*module))
                emit undone(*undoneEntity);
        });
}

} // namespace Rapport
