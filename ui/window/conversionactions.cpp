#include "window/conversionactions.h"

#include "conversion/conversionqueuedialog.h"
#include "conversion/conversionwizard.h"
#include "conversion/convertleadcommand.h"
#include "conversion/leadunconversion.h"
#include "window/mainwindow.h"
#include "prompts/prompter.h"
#include "storage/recordstore.h"
#include "records/recordlink.h"
#include "records/recordtab.h"
#include "records/recordtypes.h"

#include <QAction>
#include <QLocale>
#include <QTabWidget>
#include <QTableView>
#include <QUndoStack>

namespace Rapport {

ConversionActions::ConversionActions(MainWindow *window, QUndoStack *undoStack)
    : QObject(window)
    , m_window(window)
    , m_undoStack(undoStack)
    , m_prompter(Prompter::standard())
    , m_convert(new QAction(QIcon::fromTheme(QStringLiteral("go-next")), tr("&Convert Lead…"),
                            this))
    , m_unconvert(new QAction(QIcon::fromTheme(QStringLiteral("edit-undo")),
                              tr("&Unconvert Lead…"), this))
{
    setObjectName(QStringLiteral("conversionActions"));
    m_convert->setObjectName(QStringLiteral("convertLeadAction"));
    m_convert->setShortcut(QKeySequence(tr("Ctrl+Shift+C")));
    m_convert->setToolTip(tr("Convert the selected leads into accounts, contacts and deals "
                             "(Ctrl+Shift+C)"));
    m_unconvert->setObjectName(QStringLiteral("unconvertLeadAction"));
    connect(m_convert, &QAction::triggered, this, &ConversionActions::convertSelected);
    connect(m_unconvert, &QAction::triggered, this, &ConversionActions::unconvertCurrent);
    // The tabs are rebuilt for each database (MainWindow::buildTabs calls update()).
    if (auto *tabs = window->findChild<QTabWidget *>(QStringLiteral("recordTabs")))
        connect(tabs, &QTabWidget::currentChanged, this, &ConversionActions::update);
    update();
}

QList<QAction *> ConversionActions::actions() const
{
    return {m_convert, m_unconvert};
}

void ConversionActions::setPrompter(std::shared_ptr<Prompter> prompter)
{
    m_prompter = std::move(prompter);
}

void ConversionActions::update()
{
    if (m_window->connectionName() != m_connection) {
        m_connection = m_window->connectionName();
        m_undoStack->clear(); // its steps belong to the database that was open
    }
    RecordTab *leads = m_window->tab(Entity::Lead);
    if (leads && leads != m_leadsTab) {
        m_leadsTab = leads;
        connect(leads, &RecordTab::selectionChanged, this, &ConversionActions::update);
        leads->view()->setContextMenuPolicy(Qt::ActionsContextMenu);
        leads->view()->addActions(actions());
    }
    const bool onLeads = leads && m_window->currentTab() == leads;
    // The selection's size, not its ids: with a million rows selected that is a query.
    const qint64 selected = onLeads ? leads->selectedCount() : 0;
    bool converted = false;
    if (selected == 1) {
        const auto lead = RecordStore(m_connection).load(Entity::Lead, leads->selectedIds().value(0));
        converted = lead && !lead->value(QStringLiteral("converted_at")).isNull();
    }
    // One converted lead can only be unconverted; the queue says which of several are.
    m_convert->setEnabled(selected > 1 || (selected == 1 && !converted));
    m_unconvert->setEnabled(converted);
}

void ConversionActions::convertSelected()
{
    RecordTab *leads = m_window->tab(Entity::Lead);
    if (!leads || m_window->currentTab() != leads || leads->selectedIds().isEmpty())
        return;
    const QList<qint64> ids = leads->selectedIds();
    if (ids.size() > 1) {
        auto *queue = new ConversionQueueDialog(ids, m_connection, m_window);
        queue->setPrompter(m_prompter);
        queue->setAttribute(Qt::WA_DeleteOnClose);
        connect(queue, &ConversionQueueDialog::converted, this, &ConversionActions::converted);
        queue->open();
        return;
    }
    auto *wizard = new ConversionWizard(ids.first(), m_connection, m_window);
    if (!wizard->isUsable()) {
        m_prompter->warn(m_window, tr("Cannot convert"), wizard->loadError());
        delete wizard;
        return;
    }
    wizard->setPrompter(m_prompter);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(wizard, &ConversionWizard::converted, this, &ConversionActions::converted);
    wizard->open();
}

void ConversionActions::converted(const ConversionPlan &plan, const ConversionResult &result)
{
    m_undoStack->push(new ConvertLeadCommand(plan, m_connection, m_prompter, m_window,
                                             [this] { reloadAll(); }));
    reloadAll();
    // The lead leaves the list: say what it became, with links to open each.
    const RecordStore store(m_connection);
    auto link = [&store](Entity e, qint64 id) {
        return recordLink(e, id, store.nameOf(e, id));
    };
    QStringList made;
    if (result.accountId)
        made << (result.accountCreated ? tr("the new account %1") : tr("the account %1"))
                    .arg(link(Entity::Account, result.accountId));
    if (result.contactId)
        made << (result.contactCreated ? tr("the new contact %1") : tr("the contact %1"))
                    .arg(link(Entity::Contact, result.contactId));
    if (result.dealId)
        made << tr("the new deal %1").arg(link(Entity::Deal, result.dealId));
    m_window->showNotice(tr("“%1” was converted into %2. Edit › Undo takes it back.")
                             .arg(store.nameOf(Entity::Lead, result.leadId).toHtmlEscaped(),
                                  QLocale().createSeparatedList(made)));
}

void ConversionActions::unconvertCurrent()
{
    RecordTab *leads = m_window->tab(Entity::Lead);
    if (!leads || leads->selectedIds().size() != 1)
        return;
    const LeadUnconversion unconversion(m_connection, *m_prompter, m_window);
    if (unconversion.run(leads->selectedIds().first(), LeadUnconversion::Confirm::Always))
        reloadAll();
}

void ConversionActions::reloadAll()
{
    m_window->reloadTabs();
    update();
}

} // namespace Rapport
