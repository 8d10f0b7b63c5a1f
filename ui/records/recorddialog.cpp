#include "records/recorddialog.h"

#include "records/panebar.h"

#include "records/attendeespanel.h"

#include "activities/followup.h"
#include "storage/owner.h"
#include "matching/matcher.h"
#include "records/conversionlinks.h"
#include "records/notespanel.h"
#include "records/ownerprompt.h"
#include "prompts/prompter.h"
#include "records/recordform.h"
#include "records/timelinepanel.h"
#include "pipeline/pipeline.h"
#include "records/recordlink.h"
#include "storage/recordstore.h"
#include "records/recordtypes.h"
#include "records/relatedlist.h"
#include "records/versionedsave.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QTextDocumentFragment>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QVBoxLayout>
#include <QLocale>
#include <QTabWidget>
#include <QTimer>

namespace Rapport {

namespace {

QString newRecordTitle(Entity entity)
{
    switch (entity) {
    case Entity::Lead: return RecordDialog::tr("New Lead");
    case Entity::Contact: return RecordDialog::tr("New Contact");
    case Entity::Account: return RecordDialog::tr("New Account");
    case Entity::Deal: return RecordDialog::tr("New Deal");
    case Entity::Activity: return RecordDialog::tr("New Activity");
    }
    return {};
}

const QString AccountField = QStringLiteral("account_id");

// What a new record starts with: its type's defaults ("Not Contacted"), and the rep as owner.
QVariantMap startingValues(Entity entity)
{
    QVariantMap values = defaultValues(entity);
    if (findField(entity, QStringLiteral("owner")))
        values.insert(QStringLiteral("owner"), currentUserName());
    return values;
}

} // namespace

RecordDialog::RecordDialog(Entity entity, qint64 id, const QString &connection, QWidget *parent)
    : QDialog(parent)
    , m_entity(entity)
    , m_id(id)
    , m_connection(connection)
    , m_prompter(Prompter::standard())
{
    setObjectName(QStringLiteral("recordDialog"));
    auto *layout = new QVBoxLayout(this);
    if (findField(entity, AccountField))
        layout->addWidget(buildAccountButton(), 0, Qt::AlignLeft);
    // Said while the rep types a new lead or contact, before a duplicate is saved.
    m_duplicates = new QLabel(this);
    m_duplicates->setObjectName(QStringLiteral("duplicateWarning"));
    m_duplicates->setWordWrap(true);
    m_duplicates->setTextFormat(Qt::RichText);
    m_duplicates->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_duplicates->setFrameShape(QFrame::StyledPanel);
    m_duplicates->setAutoFillBackground(true);
    m_duplicates->setBackgroundRole(QPalette::AlternateBase);
    m_duplicates->setMargin(6);
    m_duplicates->hide();
    layout->addWidget(m_duplicates);
    connect(m_duplicates, &QLabel::linkActivated, this, [this](const QString &link) {
        if (const auto record = linkedRecord(link))
            openRecord(record->first, record->second);
    });
    m_changedBar = new PaneBar(this);
    m_changedBar->setObjectName(QStringLiteral("changedBar"));
    connect(m_changedBar->addButton(tr("Show Current &Values"), QStringLiteral("showCurrentButton"),
                                    tr("Drop your changes and show the record as it is now")),
            &QPushButton::clicked, this, &RecordDialog::readRecord);
    m_changedBar->hide();
    layout->addWidget(m_changedBar);
    m_duplicateTimer = new QTimer(this);
    m_duplicateTimer->setObjectName(QStringLiteral("duplicateTimer"));
    m_duplicateTimer->setSingleShot(true);
    m_duplicateTimer->setInterval(300); // after a pause in typing, not at every key
    connect(m_duplicateTimer, &QTimer::timeout, this, &RecordDialog::checkDuplicates);
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setChildrenCollapsible(false);
    m_form = new RecordForm(entity, connection);
    m_scroll = new QScrollArea(m_splitter);
    m_scroll->setObjectName(QStringLiteral("formScrollArea"));
    m_scroll->setAccessibleName(tr("Fields"));
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    // Tab goes from field to field and the area scrolls to each: the area itself is no stop,
    // where the focus would sit on nothing a rep could see.
    m_scroll->setFocusPolicy(Qt::NoFocus);
    m_scroll->setWidget(m_form);
    m_splitter->addWidget(m_scroll);
    m_splitter->setStretchFactor(0, 3);
    layout->addWidget(m_splitter, 1);
    buildButtons();
    connect(m_form, &RecordForm::modifiedChanged, this,
            [this] { setWindowModified(hasUnsavedChanges()); });
    connect(m_form, &RecordForm::fieldEdited, this, [this](const QString &field) {
        if (field == AccountField)
            updateAccountButton();
        // What the matcher looks at: the name and how to reach the person or company.
        const FieldDef *f = findField(m_entity, field);
        const bool matched = f && (f->role != FieldRole::None || nameColumns(m_entity).contains(field));
        if (matched && m_id == 0 && (m_entity == Entity::Lead || m_entity == Entity::Contact
                                      || m_entity == Entity::Account))
            m_duplicateTimer->start();
    });
    loadRecord();
    // Never larger than the screen; the split between form and side panel as last left.
    resize(QSize(m_id ? 1180 : 860, 720).boundedTo(screen()->availableGeometry().size()));
    m_splitter->restoreState(QSettings().value(splitterKey()).toByteArray());
}

QString RecordDialog::splitterKey() const
{
    return QStringLiteral("recordDialog/%1/splitter").arg(QLatin1String(entityDef(m_entity).table));
}

void RecordDialog::done(int result)
{
    if (m_splitter->count() > 1)
        QSettings().setValue(splitterKey(), m_splitter->saveState());
    QDialog::done(result);
}

RecordDialog::~RecordDialog() = default;

QPushButton *RecordDialog::buildAccountButton()
{
    m_openAccount = new QPushButton(this);
    m_openAccount->setObjectName(QStringLiteral("openAccountButton"));
    m_openAccount->setAutoDefault(false);
    m_openAccount->setFlat(true);
    m_openAccount->setToolTip(tr("Open the account in a window of its own"));
    connect(m_openAccount, &QPushButton::clicked, this, [this] {
        const QVariant account = m_form->values().value(AccountField);
        if (account.typeId() == QMetaType::LongLong)
            openRecord(Entity::Account, account.toLongLong());
    });
    return m_openAccount;
}

void RecordDialog::buildButtons()
{
    auto *buttons = new QDialogButtonBox(this);
    QPushButton *saveButton = buttons->addButton(tr("&Save"), QDialogButtonBox::AcceptRole);
    m_saveButton = saveButton;
    saveButton->setObjectName(QStringLiteral("saveButton"));
    saveButton->setToolTip(tr("Save and close (Ctrl+S, Enter)"));
    saveButton->setDefault(true); // Enter in a line edit saves, after validating
    QPushButton *saveNew = buttons->addButton(tr("Save && &New"), QDialogButtonBox::ApplyRole);
    m_saveNewButton = saveNew;
    saveNew->setObjectName(QStringLiteral("saveNewButton"));
    saveNew->setToolTip(tr("Save and start another (Ctrl+Shift+S)"));
    saveNew->setAutoDefault(false);
    QPushButton *close = buttons->addButton(QDialogButtonBox::Close);
    close->setObjectName(QStringLiteral("closeButton"));
    close->setToolTip(tr("Close the record (Esc); changes not saved yet are asked about"));
    close->setAutoDefault(false);
    layout()->addWidget(buttons);

    connect(saveButton, &QPushButton::clicked, this, [this] {
        if (save())
            accept();
    });
    connect(saveNew, &QPushButton::clicked, this, &RecordDialog::saveAndNew);
    connect(close, &QPushButton::clicked, this, &RecordDialog::reject);
    auto *saveKey = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_S), this);
    connect(saveKey, &QShortcut::activated, saveButton, &QPushButton::click);
    auto *saveNewKey = new QShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S), this);
    connect(saveNewKey, &QShortcut::activated, saveNew, &QPushButton::click);
    auto *activityKey = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_T), this);
    activityKey->setObjectName(QStringLiteral("newActivityShortcut"));
    connect(activityKey, &QShortcut::activated, this, &RecordDialog::newActivity);
}

void RecordDialog::setPrompter(std::shared_ptr<Prompter> prompter)
{
    m_prompter = std::move(prompter);
}

void RecordDialog::setInitialValues(const QVariantMap &values)
{
    // Over the type's defaults, which a new record starts with.
    QVariantMap all = m_id ? QVariantMap() : startingValues(m_entity);
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        all.insert(it.key(), it.value());
    m_form->setValues(all);
    m_shownValues = m_form->values();
    updateAccountButton();
}

void RecordDialog::loadRecord()
{
    readRecord();
    focusFirstTextField();
}

void RecordDialog::readRecord()
{
    m_changedBar->hide();
    m_duplicateTimer->stop();
    m_duplicates->hide();
    QVariantMap values = m_id ? QVariantMap() : startingValues(m_entity);
    if (m_id) {
        const std::optional<QVariantMap> record = RecordStore(m_connection).load(m_entity, m_id);
        m_found = record.has_value();
        values = record.value_or(QVariantMap());
        m_read = values;
        m_version = values.value(QStringLiteral("version")).toLongLong();
    }
    // Deleted by a colleague meanwhile: say so, and offer nothing that would fail.
    m_form->setEnabled(m_found);
    for (auto *button : {m_saveButton, m_saveNewButton})
        button->setEnabled(m_found);
    m_form->setValues(values);
    m_shownValues = m_form->values();
    rebuildSidePanel();
    updateTitle();
    updateAccountButton();
}

void RecordDialog::recordChangedElsewhere(const QString &who)
{
    if (!m_id || !m_found)
        return;
    const std::optional<QVariantMap> record = RecordStore(m_connection).load(m_entity, m_id);
    if (record && record->value(QStringLiteral("version")).toLongLong() == m_version)
        return; // a note or a related record: the side panel's lists read again when shown
    if (!hasUnsavedChanges()) {
        readRecord();
        return;
    }
    if (!record) {
        m_changedBar->say(who.isEmpty()
                              ? tr("This record was deleted elsewhere while you edited it here.")
                              : tr("%1 deleted this record while you edited it here.").arg(who));
        return;
    }
    m_changedBar->say(
        who.isEmpty()
            ? tr("This record was changed elsewhere while you edited it here. Saving keeps the "
                 "other changes too, and asks where both of you changed the same field.")
            : tr("%1 changed this record while you edited it here. Saving keeps their changes "
                 "too, and asks where you both changed the same field.").arg(who));
}

void RecordDialog::focusFirstTextField()
{
    // Reps start typing at once: the first plain text field, not the salutation list.
    for (const FieldDef &f : entityDef(m_entity).fields) {
        if (f.type == FieldType::Text) {
            m_form->editor(QLatin1String(f.name))->setFocus(Qt::OtherFocusReason);
            return;
        }
    }
}

void RecordDialog::rebuildSidePanel()
{
    delete m_side;
    m_side = nullptr;
    m_notes = nullptr;
    m_related.clear();
    if (!m_id || !m_found)
        return;
    m_side = new QWidget;
    m_side->setObjectName(QStringLiteral("sidePanel"));
    auto *layout = new QVBoxLayout(m_side);
    layout->setContentsMargins(0, 0, 0, 0);
    // Master-detail: the records of other types whose Reference fields point at this one
    // (an account's contacts and deals, a contact's deals), as the catalogue describes them.
    for (const Reference &r : referencesTo(m_entity)) {
        if (r.link || r.from == m_entity)
            continue;
        auto *title = new QLabel(entityPlural(r.from), m_side);
        auto *list = new RelatedList(r.from, QLatin1String(r.field->name), m_connection, m_side);
        if (r.from == Entity::Activity) {
            // Activities are planned right here: a button, and Ctrl+T from anywhere in the form.
            auto *row = new QHBoxLayout;
            row->addWidget(title, 1);
            auto *add = new QPushButton(QIcon::fromTheme(QStringLiteral("appointment-new")),
                                        tr("New &Activity…"), m_side);
            add->setObjectName(QStringLiteral("newActivityButton"));
            add->setToolTip(tr("Plan a task, call or meeting on this record (Ctrl+T)"));
            add->setAutoDefault(false);
            connect(add, &QPushButton::clicked, this, &RecordDialog::newActivity);
            row->addWidget(add);
            layout->addLayout(row);
            title = nullptr;
        }
        list->setObjectName(QStringLiteral("related%1").arg(QLatin1String(entityDef(r.from).plural)));
        list->setRecordId(m_id);
        list->setAccessibleName(entityPlural(r.from));
        list->setAccessibleDescription(
            tr("The %1 of this record; Enter opens the selected one.")
                .arg(entityNoun(r.from, true)));
        if (title) {
            title->setBuddy(list);
            layout->addWidget(title);
        }
        connect(list, &RelatedList::openRequested, this, &RecordDialog::openRecord);
        layout->addWidget(list, 1);
        m_related.append(list);
    }
    if (m_entity == Entity::Lead) { // a converted lead links to what it became
        auto *links = new ConversionLinks(m_id, m_connection, m_side);
        connect(links, &ConversionLinks::openRequested, this, &RecordDialog::openRecord);
        layout->addWidget(links);
    }
    AttendeesPanel *attendees = nullptr;
    if (m_entity == Entity::Activity) { // who comes to a meeting
        attendees = new AttendeesPanel(m_id, m_connection, m_side);
        connect(attendees, &AttendeesPanel::openRequested, this, &RecordDialog::openRecord);
        connect(attendees, &AttendeesPanel::failed, this, [this](const QString &error) {
            m_prompter->warn(this, tr("Could not change the attendees"), error);
        });
        layout->addWidget(attendees);
    }
    m_notes = new NotesPanel(m_entity, m_id, m_connection, m_side);
    connect(m_notes, &NotesPanel::noteFailed, this, [this](const QString &error) {
        m_prompter->warn(this, tr("Could not add the note"), error);
    });
    connect(m_notes, &NotesPanel::pendingNoteChanged, this,
            [this] { setWindowModified(hasUnsavedChanges()); });
    // The notes, and beside them the record's whole history.
    auto *pages = new QTabWidget(m_side);
    pages->setObjectName(QStringLiteral("notesAndHistory"));
    pages->setDocumentMode(true);
    m_notes->setParent(pages);
    pages->addTab(m_notes, tr("&Notes"));
    pages->setTabToolTip(0, tr("Notes on this record"));
    auto *history = new TimelinePanel(m_entity, m_id, m_connection, pages);
    pages->addTab(history, tr("&History"));
    pages->setTabToolTip(1, tr("Every change to this record, who made it and when, newest first"));
    if (attendees)
        connect(attendees, &AttendeesPanel::changed, history, &TimelinePanel::reload);
    layout->addWidget(pages, 1);
    m_splitter->addWidget(m_side);
    m_splitter->setStretchFactor(1, 2);
}

void RecordDialog::updateTitle()
{
    QString title = newRecordTitle(m_entity);
    if (m_id && !m_found) {
        title = tr("%1 #%2 no longer exists").arg(entitySingular(m_entity)).arg(m_id);
    } else if (m_id) {
        title = RecordStore(m_connection).nameOf(m_entity, m_id);
        if (title.isEmpty())
            title = tr("%1 #%2").arg(entitySingular(m_entity)).arg(m_id);
    }
    setWindowTitle(title + QStringLiteral("[*]"));
}

void RecordDialog::updateAccountButton()
{
    if (!m_openAccount)
        return;
    const QVariant account = m_form->values().value(AccountField);
    const bool known = account.typeId() == QMetaType::LongLong;
    const QString name = known ? RecordStore(m_connection).nameOf(Entity::Account,
                                                                  account.toLongLong())
                               : QString();
    m_openAccount->setEnabled(known);
    m_openAccount->setText(known ? tr("Open account “%1”").arg(name) : tr("No account"));
}

bool RecordDialog::hasUnsavedChanges() const
{
    return m_form->isModified() || (m_notes && m_notes->hasPendingNote());
}

bool RecordDialog::save()
{
    if (!m_form->validate().isEmpty()) {
        if (QWidget *bad = m_form->focusWidget())
            m_scroll->ensureWidgetVisible(bad);
        return false;
    }
    // Saved before the check that waits for a pause in typing has run: it runs now, and a
    // likely duplicate the rep has not seen yet is asked about before it is added.
    if (m_id == 0 && m_duplicateTimer->isActive() && checkDuplicates()) {
        const Question question{
            .title = tr("Possible duplicate"),
            .text = QTextDocumentFragment::fromHtml(m_duplicates->text()).toPlainText(),
            .details = tr("Add it anyway, or go back and open the one you have."),
            .answers = {{tr("&Add Anyway"), QMessageBox::AcceptRole},
                        {tr("&Go Back"), QMessageBox::RejectRole}},
            .defaultAnswer = 1,
        };
        if (m_prompter->ask(this, question) != 0)
            return false;
    }
    if (QWidget *owner = m_form->editor(QStringLiteral("owner"));
        owner && !acceptOwner(this, *m_prompter, m_connection,
                              m_form->values().value(QStringLiteral("owner")).toString())) {
        owner->setFocus(Qt::OtherFocusReason);
        return false;
    }
    if (m_form->isModified() || !m_id) {
        if (!writeRecord())
            return false;
    }
    // After the record: if the note fails, its text stays in the box, nothing is lost.
    if (const QString noteError = m_notes ? m_notes->addPendingNote() : QString();
        !noteError.isEmpty()) {
        m_prompter->warn(this, tr("Could not add the note"), noteError);
        return false;
    }
    return true;
}

bool RecordDialog::writeRecord()
{
    QVariantMap values = m_form->values();
    if (m_id) {
        // Only what the rep changed: a colleague's edit of another field survives.
        for (auto it = m_shownValues.cbegin(); it != m_shownValues.cend(); ++it) {
            if (values.value(it.key()) == it.value())
                values.remove(it.key());
        }
    }
    if (m_entity == Entity::Deal) // a new stage brings its probability, as on the board
        values = Pipeline(m_connection).withStageProbability(m_id ? m_shownValues : QVariantMap(),
                                                             values);
    SaveOutcome outcome;
    if (m_id) {
        // With the version read: a colleague's newer save is shown, never overwritten.
        outcome = VersionedSave(m_entity, m_connection, *m_prompter, this)
                      .save(m_id, m_version, m_read, values,
                            windowTitle().remove(QStringLiteral("[*]")));
    } else {
        outcome.result = RecordStore(m_connection).insert(m_entity, values);
        outcome.status = outcome.result.ok() ? SaveOutcome::Status::Saved
                                             : SaveOutcome::Status::Failed;
    }
    return finishWrite(outcome);
}

bool RecordDialog::finishWrite(const SaveOutcome &outcome)
{
    const WriteResult &result = outcome.result;
    switch (outcome.status) {
    case SaveOutcome::Status::Cancelled:
        return false; // back to the form, the edits as they were
    case SaveOutcome::Status::Discarded:
        m_form->setModified(false); // the record is gone and the rep let the edits go
        QDialog::reject();
        return false;
    case SaveOutcome::Status::Failed:
        if (!result.fieldErrors.isEmpty())
            m_form->showErrors(result.fieldErrors);
        else
            m_prompter->warn(this, tr("Could not save"), result.error);
        return false;
    case SaveOutcome::Status::Saved:
        break;
    }
    const bool wasNew = m_id == 0 || outcome.savedAsNew;
    m_id = result.id;
    m_version = result.version;
    // What the next save is checked against; after a merge the form shows it too, with what
    // a colleague wrote.
    if (const auto record = RecordStore(m_connection).load(m_entity, m_id)) {
        m_read = *record;
        m_version = record->value(QStringLiteral("version")).toLongLong();
        if (outcome.merged)
            m_form->setValues(*record);
    }
    m_shownValues = m_form->values();
    m_form->setModified(false);
    if (wasNew)
        rebuildSidePanel();
    updateTitle();
    Q_EMIT saved(m_entity, m_id);
    return true;
}

void RecordDialog::saveAndNew()
{
    if (!save())
        return;
    m_id = 0;
    loadRecord();
}

void RecordDialog::reject()
{
    if (hasUnsavedChanges()) {
        Question q;
        q.title = windowTitle().remove(QStringLiteral("[*]"));
        q.text = tr("Save the changes to this record before closing?");
        q.details = tr("Changes you don't save are lost.");
        q.answers = {{tr("&Save"), QMessageBox::AcceptRole},
                     {tr("&Discard"), QMessageBox::DestructiveRole},
                     {tr("&Cancel"), QMessageBox::RejectRole}};
        switch (m_prompter->ask(this, q)) {
        case 0:
            if (save())
                accept();
            return;
        case 1:
            break;
        default:
            return;
        }
    }
    QDialog::reject();
}

bool RecordDialog::checkDuplicates()
{
    m_duplicateTimer->stop();
    if (m_id != 0) {
        m_duplicates->hide(); // saved: it is a record of its own now
        return false;
    }
    // Each likely duplicate as a link that opens it, with the matcher's reasons.
    QStringList likely;
    const auto add = [&likely](Entity entity, qint64 id, const QString &name,
                               const QList<MatchReason> &why) {
        if (likely.size() == 3)
            return;
        QStringList reasons;
        for (MatchReason r : why)
            reasons << matchReasonText(r);
        const QString label = entity == Entity::Lead ? tr("lead %1").arg(name) : name;
        likely << tr("%1 (%2)").arg(recordLink(entity, id, label),
                                    reasons.join(QStringLiteral(", ")).toHtmlEscaped());
    };
    for (const SimilarRecord &r : Matcher(m_connection).similarRecords(m_entity, m_form->values()))
        add(r.entity, r.id, r.name, r.reasons);
    QString text;
    if (m_entity == Entity::Account) {
        text = tr("This may be an account you have already: %1. Open it instead of adding the "
                  "same company twice.");
    } else {
        text = m_entity == Entity::Lead
            ? tr("This may be someone you have already, as a contact or a lead: %1. Open them "
                 "instead of adding the same person twice.")
            : tr("This may be a contact you have already: %1. Open it instead of adding the "
                 "same person twice.");
    }
    if (likely.isEmpty()) {
        m_duplicates->hide();
        return false;
    }
    m_duplicates->setText(text.arg(QLocale().createSeparatedList(likely)));
    m_duplicates->show();
    return true;
}

void RecordDialog::newActivity()
{
    if (m_entity == Entity::Activity || !m_id || !m_found)
        return;
    // On this record, and on the account, contact or deal it belongs to.
    QVariantMap values = FollowUp(m_connection).regarding(m_entity, m_id);
    values.insert(QStringLiteral("owner"), currentUserName());
    auto *dialog = new RecordDialog(Entity::Activity, 0, m_connection, this);
    dialog->setPrompter(m_prompter);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setInitialValues(values);
    connect(dialog, &RecordDialog::saved, this, [this] {
        for (RelatedList *list : std::as_const(m_related))
            list->reload();
    });
    dialog->show();
}

void RecordDialog::openRecord(Entity entity, qint64 id)
{
    auto *dialog = new RecordDialog(entity, id, m_connection, this);
    dialog->setPrompter(m_prompter);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RecordDialog::saved, this, [this] {
        for (RelatedList *list : std::as_const(m_related))
            list->reload();
        m_form->reloadReferences();
        updateAccountButton();
    });
    dialog->show();
}

} // namespace Rapport
