#include "window/csvactions.h"

#include "transfer/exportdialog.h"
#include "transfer/importhistorydialog.h"
#include "transfer/importwizard.h"
#include "window/mainwindow.h"
#include "prompts/prompter.h"
#include "records/recordtab.h"
#include "records/recordtypes.h"

#include "transfer/importsource.h"

#include <QAction>
#include <QDropEvent>
#include <QFileInfo>
#include <QMenu>
#include <QMimeData>
#include <QUrl>

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
    window->setAcceptDrops(true);
    window->installEventFilter(this);
}

QStringList CsvActions::importableFiles(const QList<QUrl> &urls)
{
    static const QStringList suffixes = {QStringLiteral("csv"), QStringLiteral("txt"),
                                         QStringLiteral("tsv"), QStringLiteral("xlsx"),
                                         QStringLiteral("vcf"), QStringLiteral("vcard")};
    QStringList files;
    for (const QUrl &url : urls) {
        const QFileInfo info(url.toLocalFile());
        if (url.isLocalFile() && info.isFile() && suffixes.contains(info.suffix().toLower()))
            files << info.filePath();
    }
    return files;
}

bool CsvActions::eventFilter(QObject *watched, QEvent *event)
{
    // Only drags ask the window anything: other events also come while it is being
    // destroyed, when it is a MainWindow no longer.
    const QEvent::Type type = event->type();
    if (watched != m_window
        || (type != QEvent::DragEnter && type != QEvent::DragMove && type != QEvent::Drop)
        || m_window->connectionName().isEmpty())
        return QObject::eventFilter(watched, event);
    if (type == QEvent::DragEnter || type == QEvent::DragMove) {
        auto *drag = static_cast<QDropEvent *>(event);
        if (!importableFiles(drag->mimeData()->urls()).isEmpty()) {
            drag->acceptProposedAction();
            return true;
        }
    } else {
        auto *drop = static_cast<QDropEvent *>(event);
        const QStringList files = importableFiles(drop->mimeData()->urls());
        if (!files.isEmpty()) {
            drop->acceptProposedAction();
            // One import at a time: the first file. An address book holds contacts; other
            // files go to the records the window shows.
            const RecordTab *tab = m_window->currentTab();
            const Entity entity = ImportSource::detect(files.first()) == FileFormat::VCard
                                      ? Entity::Contact
                                      : tab ? tab->entity() : Entity::Lead;
            openImport(entity, files.first());
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

void CsvActions::updateActions()
{
    const bool open = !m_window->connectionName().isEmpty();
    for (QAction *a : std::as_const(m_needDatabase))
        a->setEnabled(open);
    m_export->setEnabled(open && m_window->currentTab());
}

void CsvActions::openImport(Entity entity, const QString &path)
{
    if (m_window->connectionName().isEmpty())
        return;
    auto *wizard = new ImportWizard(entity, m_window->connectionName(),
                                    m_prompter, m_window);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    if (!path.isEmpty())
        wizard->setFilePath(path);
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
