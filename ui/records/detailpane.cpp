#include "records/detailpane.h"

#include "activities/followup.h"
#include "day/activitysteps.h"
#include "pipeline/pipeline.h"
#include "prompts/prompter.h"
#include "records/detailpages.h"
#include "records/keyfields.h"
#include "records/panebar.h"
#include "records/recordform.h"
#include "records/recordtab.h"
#include "records/recordtypes.h"
#include "records/versionedsave.h"
#include "storage/changelog.h"
#include "storage/recordstore.h"

#include <QAction>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace Rapport {

namespace {

const QString ShownKey = QStringLiteral("detailPane/shown");
} // namespace

DetailPane::DetailPane(Entity entity, const QString &connection, QWidget *parent)
    : QWidget(parent)
    , m_entity(entity)
    , m_connection(connection)
    , m_prompter(Prompter::standard())
    , m_settle(new QTimer(this))
{
    setObjectName(QStringLiteral("detailPane"));
    // Keyboard scrolling through the list moves the current row many times a second: only
    // the row it comes to rest on is read.
    m_settle->setSingleShot(true);
    m_settle->setInterval(0);
    connect(m_settle, &QTimer::timeout, this, &DetailPane::switchRecord);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 0, 0, 0);
    m_stack = new QStackedWidget(this);
    m_placeholder = new QLabel(m_stack);
    m_placeholder->setObjectName(QStringLiteral("detailPlaceholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setEnabled(false); // greyed, as a hint is
    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(buildRecordPage());
    layout->addWidget(m_stack);
    connectCallLinks();
    load(0);
}

DetailPane::~DetailPane() = default;

QWidget *DetailPane::buildRecordPage()
{
    auto *page = new QWidget(m_stack);
    page->setObjectName(QStringLiteral("detailRecord"));
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *head = new QHBoxLayout;
    m_title = new QLabel(page);
    m_title->setObjectName(QStringLiteral("detailTitle"));
    m_title->setWordWrap(true);
    m_title->setTextFormat(Qt::PlainText);
    QFont big = m_title->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.25);
    m_title->setFont(big);
    head->addWidget(m_title, 1);
    auto *open = new QPushButton(QIcon::fromTheme(QStringLiteral("document-open")), tr("&Open"),
                                 page);
    open->setObjectName(QStringLiteral("detailOpenButton"));
    open->setAutoDefault(false);
    open->setToolTip(tr("Open the whole record in its window (Enter in the list)"));
    connect(open, &QPushButton::clicked, this, [this] {
        if (m_id)
            Q_EMIT openRequested(m_entity, m_id);
    });
    head->addWidget(open, 0, Qt::AlignTop);
    layout->addLayout(head);

    m_callBar = new PaneBar(page);
    m_callBar->setObjectName(QStringLiteral("callBar"));
    connect(m_callBar->addButton(tr("Log &Call…"), QStringLiteral("logCallButton"),
                                 tr("Log the call just made, and plan what follows it")),
            &QPushButton::clicked, this, &DetailPane::logCall);
    connect(m_callBar->addButton(tr("D&ismiss"), QStringLiteral("dismissCallButton"),
                                 tr("Log nothing")),
            &QPushButton::clicked, m_callBar, &QWidget::hide);
    layout->addWidget(m_callBar);
    m_changedBar = new PaneBar(page);
    m_changedBar->setObjectName(QStringLiteral("changedBar"));
    connect(m_changedBar->addButton(tr("Show Current &Values"), QStringLiteral("showCurrentButton"),
                                    tr("Drop your changes and show the record as it is now")),
            &QPushButton::clicked, this, &DetailPane::revert);
    layout->addWidget(m_changedBar);
    buildForm(page, layout);
    m_pages = new DetailPages(m_entity, m_connection, page);
    m_pages->setPrompter(m_prompter);
    connect(m_pages, &DetailPages::openRequested, this, &DetailPane::openRequested);
    connect(m_pages, &DetailPages::changed, this, &DetailPane::changed);
    layout->addWidget(m_pages, 1);
    return page;
}

void DetailPane::buildForm(QWidget *page, QVBoxLayout *layout)
{
    m_fields = new KeyFields(m_entity, m_connection, page);
    m_form = m_fields->form();
    layout->addWidget(m_fields);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    m_revert = new QPushButton(QIcon::fromTheme(QStringLiteral("edit-undo")), tr("Rever&t"), page);
    m_revert->setObjectName(QStringLiteral("detailRevertButton"));
    m_revert->setAutoDefault(false);
    m_revert->setToolTip(tr("Drop your changes to these fields (Esc)"));
    m_save = new QPushButton(QIcon::fromTheme(QStringLiteral("document-save")), tr("&Save"), page);
    m_save->setObjectName(QStringLiteral("detailSaveButton"));
    m_save->setAutoDefault(false);
    m_save->setToolTip(tr("Save your changes to these fields (Ctrl+S)"));
    buttons->addWidget(m_revert);
    buttons->addWidget(m_save);
    layout->addLayout(buttons);
    connect(m_save, &QPushButton::clicked, this, &DetailPane::save);
    connect(m_revert, &QPushButton::clicked, this, &DetailPane::revert);
    connect(m_form, &RecordForm::modifiedChanged, this, &DetailPane::updateButtons);
    addKeys(page);
}

void DetailPane::addKeys(QWidget *page)
{
    // The keys work wherever the focus is in the pane, as the record window's do.
    const auto key = [this, page](const QKeySequence &sequence, const std::function<void()> &run) {
        auto *shortcut = new QShortcut(sequence, page);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, run);
    };
    key(QKeySequence(Qt::CTRL | Qt::Key_S), [this] { m_save->click(); });
    key(QKeySequence(Qt::Key_Escape), [this] { m_revert->click(); });
    key(QKeySequence(tr("Ctrl+L")), [this] { logCall(); });
}

void DetailPane::connectCallLinks()
{
    // After a call link, the pane offers to log the call (not a dialog: the rep is on the
    // phone). The editors' own handler opens tel: first (FieldEditors' opener).
    for (const FieldDef &f : entityDef(m_entity).fields) {
        const QString name = QLatin1String(f.name);
        QWidget *editor = f.role == FieldRole::Phone ? m_form->editor(name) : nullptr;
        QAction *link = editor ? editor->findChild<QAction *>(name + QStringLiteral("Link"))
                               : nullptr;
        if (!link)
            continue;
        connect(link, &QAction::triggered, this, [this] {
            m_callBar->say(tr("Log the call to %1?").arg(m_title->text()));
        });
    }
}

void DetailPane::follow(RecordTab *tab)
{
    m_tab = tab;
    connect(tab, &RecordTab::selectionChanged, this, [this] { showRecord(m_tab->currentId()); });
    connect(this, &DetailPane::keepRecord, tab, &RecordTab::selectId);
    QSplitter *split = tab->splitter();
    split->setStretchFactor(0, 1); // a wider window widens the list, not the pane
    split->setStretchFactor(1, 0);
    connect(split, &QSplitter::splitterMoved, this, &DetailPane::saveSplit);
    showRecord(tab->currentId());
}

void DetailPane::setPrompter(std::shared_ptr<Prompter> prompter)
{
    m_prompter = std::move(prompter);
    m_pages->setPrompter(m_prompter);
}

bool DetailPane::shownBySettings()
{
    return QSettings().value(ShownKey, true).toBool();
}

void DetailPane::rememberShown(bool shown)
{
    QSettings().setValue(ShownKey, shown);
}

QString DetailPane::splitKey() const
{
    return QStringLiteral("tabs/%1/detailWidth").arg(QLatin1String(entityDef(m_entity).table));
}

void DetailPane::saveSplit() const
{
    if (isVisible())
        QSettings().setValue(splitKey(), width());
}

QSize DetailPane::sizeHint() const
{
    // A long email address in full, about a third of a laptop's window; the rep drags it
    // wider or narrower, and it stays so.
    const int wanted = fontMetrics().averageCharWidth() * 64;
    return {std::max(wanted, minimumSizeHint().width()), QWidget::sizeHint().height()};
}

void DetailPane::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    auto *split = m_tab ? m_tab->splitter() : nullptr;
    const int width = QSettings().value(splitKey(), 0).toInt();
    if (split && width > 0 && split->width() > width) {
        const int rest = split->width() - width - split->handleWidth();
        split->setSizes({std::max(rest, 1), width});
    }
    if (m_pendingSet)
        m_settle->start();
}

bool DetailPane::hasUnsavedChanges() const
{
    return m_form->isModified();
}

void DetailPane::showRecord(qint64 id)
{
    m_pending = id;
    m_pendingSet = true;
    if (isVisible()) // a hidden pane reads nothing; it catches up when it shows
        m_settle->start();
}

void DetailPane::switchRecord()
{
    if (!m_pendingSet)
        return;
    m_pendingSet = false;
    const qint64 id = std::exchange(m_pending, 0);
    if (id == m_id) {
        refreshRecord();
        return;
    }
    if (id == 0) {
        // No row is current (the list was sorted or read again): the record stays, and the
        // list goes back to it where it still shows it.
        if (hasUnsavedChanges() || (m_tab && m_id && m_tab->selectId(m_id)))
            return;
    } else if (!leaveRecord()) {
        Q_EMIT keepRecord(m_id);
        return;
    }
    load(id);
}

bool DetailPane::leaveRecord()
{
    if (!hasUnsavedChanges())
        return true;
    Question q;
    q.title = m_title->text();
    q.text = tr("Save your changes to “%1” before another record shows?").arg(m_title->text());
    q.details = tr("Changes you don't save are lost.");
    q.answers = {{tr("&Save"), QMessageBox::AcceptRole},
                 {tr("&Discard"), QMessageBox::DestructiveRole},
                 {tr("&Cancel"), QMessageBox::RejectRole}};
    switch (m_prompter->ask(this, q)) {
    case 0: return save();
    case 1: return true;
    default: return false;
    }
}

void DetailPane::load(qint64 id)
{
    m_id = id;
    m_callBar->hide();
    m_changedBar->hide();
    const std::optional<QVariantMap> record =
        id ? RecordStore(m_connection).load(m_entity, id) : std::nullopt;
    m_version = record ? record->value(QStringLiteral("version")).toLongLong() : 0;
    m_read = record.value_or(QVariantMap());
    m_form->setValues(m_read);
    m_shownValues = m_form->values();
    m_fields->showStarts(); // a long address shows its start, not its end
    if (!record) {
        m_placeholder->setText(id ? tr("This %1 no longer exists.").arg(entityNoun(m_entity))
                                  : tr("Select a %1 to see it here.").arg(entityNoun(m_entity)));
        m_stack->setCurrentWidget(m_placeholder);
        updateButtons();
        return;
    }
    const QString name = displayName(m_entity, *record);
    m_title->setText(name.isEmpty() ? tr("%1 #%2").arg(entitySingular(m_entity)).arg(id) : name);
    m_stack->setCurrentIndex(1);
    m_pages->setRecordId(id);
    updateButtons();
}

void DetailPane::refreshRecord()
{
    if (!m_id)
        return;
    const std::optional<QVariantMap> record = RecordStore(m_connection).load(m_entity, m_id);
    if (!record) {
        load(m_id); // deleted meanwhile: nothing left to save to
        return;
    }
    if (record->value(QStringLiteral("version")).toLongLong() != m_version) {
        if (hasUnsavedChanges()) {
            // Kept, never overwritten: but a save would be refused, and the rep should know now.
            const std::optional<LoggedChange> last = ChangeLog(m_connection).latest(m_entity, m_id);
            const QString who = last ? last->who.trimmed() : QString();
            m_changedBar->say(
                who.isEmpty()
                    ? tr("“%1” was changed elsewhere while you edited it here. Saving keeps the "
                         "other changes too, and asks where both of you changed the same field.").arg(m_title->text())
                    : tr("%1 changed “%2” while you edited it here. Saving keeps their changes "
                         "too, and asks where you both changed the same field.").arg(who, m_title->text()));
        } else {
            load(m_id);
            return;
        }
    }
    m_pages->reloadCurrent(); // an activity or a related record may have changed
}

void DetailPane::updateButtons()
{
    const bool modified = m_form->isModified();
    m_save->setEnabled(modified);
    m_revert->setEnabled(modified);
}

bool DetailPane::save()
{
    if (!m_id || !m_form->isModified())
        return true;
    if (!m_form->validate().isEmpty()) {
        if (QWidget *bad = m_form->focusWidget())
            m_fields->ensureWidgetVisible(bad);
        return false;
    }
    // Only what the rep changed, as the record's window writes it.
    QVariantMap values = m_form->values();
    for (auto it = m_shownValues.cbegin(); it != m_shownValues.cend(); ++it) {
        if (values.value(it.key()) == it.value())
            values.remove(it.key());
    }
    if (m_entity == Entity::Deal) // a new stage brings its probability, as on the board
        values = Pipeline(m_connection).withStageProbability(m_shownValues, values);
    // Against the whole record as read: what a record deleted meanwhile is saved again from.
    const SaveOutcome outcome = VersionedSave(m_entity, m_connection, *m_prompter, this)
                                    .save(m_id, m_version, m_read, values, m_title->text());
    const WriteResult &result = outcome.result;
    switch (outcome.status) {
    case SaveOutcome::Status::Cancelled:
        return false;
    case SaveOutcome::Status::Discarded:
        load(m_id); // "no longer exists"
        Q_EMIT changed();
        return true;
    case SaveOutcome::Status::Failed:
        if (!result.fieldErrors.isEmpty())
            m_form->showErrors(result.fieldErrors);
        else
            m_prompter->warn(this, tr("Could not save"), result.error);
        return false;
    case SaveOutcome::Status::Saved:
        break;
    }
    if (outcome.merged || outcome.savedAsNew) {
        // Shows what the record holds now (a colleague's part too), or the new record.
        load(result.id);
        Q_EMIT changed();
        return true;
    }
    m_version = result.version;
    // What the next save is checked against, in the store's own terms.
    if (const auto record = RecordStore(m_connection).load(m_entity, m_id)) {
        m_read = *record;
        m_version = record->value(QStringLiteral("version")).toLongLong();
    }
    m_shownValues = m_form->values();
    m_form->setModified(false);
    m_changedBar->hide();
    m_title->setText(RecordStore(m_connection).nameOf(m_entity, m_id));
    Q_EMIT changed();
    return true;
}

void DetailPane::revert()
{
    if (m_id)
        load(m_id);
}

void DetailPane::logCall()
{
    if (!m_id || m_stack->currentIndex() != 1)
        return;
    const FollowUp followUp(m_connection);
    const QVariantMap regarding = m_entity == Entity::Activity
        ? followUp.sameRecords(m_id)
        : followUp.regarding(m_entity, m_id);
    ActivitySteps steps(m_connection, m_prompter, this);
    const qint64 call = steps.logCall(regarding, m_title->text());
    if (!call)
        return;
    m_callBar->hide();
    // What follows the call is asked at once, while the rep still has it in mind.
    const QString subject = RecordStore(m_connection).nameOf(Entity::Activity, call);
    steps.planStep(followUp.sameRecords(call), subject, true);
    m_pages->reloadCurrent();
    Q_EMIT changed();
}

} // namespace Rapport
