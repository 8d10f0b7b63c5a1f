#include "window/csvactions.h"

#include "transfer/exportdialog.h"
#include "transfer/importhistorydialog.h"
#include "transfer/importwizard.h"
#include "window/mainwindow.h"
#include "prompts/prompter.h"
#include "records/recordtab.h"
#include "records/recordtypes.h"

#include <QAction>
#include <QMenu>

namespace Rapport {

CsvActions::CsvActions(QMenu *fileMenu, MainWindow *window)
    : QObject(window)
    , m_window(window)
    , m_prompter(Prompter::standard())
{
    QMenu *import = fileMenu->addMenu(QIcon::fromTheme(QStringLiteral("document-import")),
                                      tr("&Import"));
    import->setObjectName(QStringLiteral("importMenu"));
    for (const Entity e : allEntities()) {
        QAction *a = import->addAction(tr("%1…").arg(entityPlural(e)), this,
                                       [this, e] { openImport(e); });
        a->setObjectName(QStringLiteral("import_%1_action").arg(QLatin1String(entityDef(e).table)));
        m_needDatabase << a;
    }
    QAction *history = fileMenu->addAction(QIcon::fromTheme(QStringLiteral("view-history"),
                                                            QIcon::fromTheme(QStringLiteral(
                                                                "document-open-recent"))),
                                           tr("Import &History…"), this,
                                           &CsvActions::openHistory);
    history->setObjectName(QStringLiteral("importHistoryAction"));
    m_export = fileMenu->addAction(QIcon::fromTheme(QStringLiteral("document-export")),
                                   tr("&Export…"), this, &CsvActions::openExport);
    m_export->setObjectName(QStringLiteral("exportAction"));
    m_needDatabase << history << m_export;
    connect(fileMenu, &QMenu::aboutToShow, this, &CsvActions::updateActions);
    updateActions();
}

void CsvActions::updateActions()
{
    const bool open = !m_window->connectionName().isEmpty();
    for (QAction *a : std::as_const(m_needDatabase))
        a->setEnabled(open);
    m_export->setEnabled(open && m_window->currentTab());
}

void CsvActions::openImport(Entity entity)
{
    if (m_window->connectionName().isEmpty())
        return;
    auto *wizard = new ImportWizard(entity, m_window->connectionName(),
                                    m_prompter, m_window);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(wizard, &ImportWizard::imported, m_window, &MainWindow::reloadTabs);
    wizard->open();
}

void CsvActions::openHistory()
{
    if (m_window->connectionName().isEmpty())
        return;
    auto *dialog = new ImportHistoryDialog(m_window->connectionName(), m_prompter, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ImportHistoryDialog::undone, m_window, &MainWindow::reloadTabs);
    dialog->open();
}

void CsvActions::openExport()
{
    RecordTab *tab = m_window->currentTab();
    if (!tab)
        return;
    auto *dialog = new ExportDialog(tab, m_window->connectionName(), m_prompter, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

} // namespace Rapport
