#include "records/deleteconfirmation.h"

#include "prompts/prompter.h"
#include "records/recordtypes.h"
#include "storage/dbworker.h"

#include <QProgressDialog>
#include <QWidget>

#include <algorithm>

namespace Rapport {

namespace {
// A quick delete shows no flash of a dialog.
constexpr int ProgressDelayMs = 400;
} // namespace

DeleteConfirmation::DeleteConfirmation(const QString &connection,
                                       std::shared_ptr<Prompter> prompter, QWidget *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_prompter(prompter ? std::move(prompter) : Prompter::standard())
    , m_parent(parent)
    , m_worker(new DbWorker(connection, this))
{
}

// The worker (a child) cancels and waits for its work as it goes.
DeleteConfirmation::~DeleteConfirmation()
{
    delete m_progress;
}

QString DeleteConfirmation::questionText(Entity entity, int n)
{
    switch (entity) {
    case Entity::Lead: return tr("Delete %n lead(s)?", nullptr, n);
    case Entity::Contact: return tr("Delete %n contact(s)?", nullptr, n);
    case Entity::Account: return tr("Delete %n account(s)?", nullptr, n);
    case Entity::Deal: return tr("Delete %n deal(s)?", nullptr, n);
    case Entity::Activity: return tr("Delete %n activity(-ies)?", nullptr, n);
    }
    return {};
}

QString DeleteConfirmation::progressText(Entity entity, int n)
{
    switch (entity) {
    case Entity::Lead: return tr("Deleting %n lead(s)…", nullptr, n);
    case Entity::Contact: return tr("Deleting %n contact(s)…", nullptr, n);
    case Entity::Account: return tr("Deleting %n account(s)…", nullptr, n);
    case Entity::Deal: return tr("Deleting %n deal(s)…", nullptr, n);
    case Entity::Activity: return tr("Deleting %n activity(-ies)…", nullptr, n);
    }
    return {};
}

QString DeleteConfirmation::dependentsText(Entity entity, int n, const Dependents &d)
{
    const QString contacts = tr("%n contact(s)", nullptr, d.contacts);
    const QString deals = tr("%n deal(s)", nullptr, d.deals);
    if (entity == Entity::Account && d.contacts && d.deals)
        return n == 1 ? tr("This account still has %1 and %2.").arg(contacts, deals)
                      : tr("These accounts still have %1 and %2.").arg(contacts, deals);
    const QString what = d.contacts ? contacts : deals;
    if (entity == Entity::Account)
        return n == 1 ? tr("This account still has %1.").arg(what)
                      : tr("These accounts still have %1.").arg(what);
    return n == 1 ? tr("This contact still has %1.").arg(what)
                  : tr("These contacts still have %1.").arg(what);
}

std::optional<DeleteRule> DeleteConfirmation::askRule(Entity entity, int n, const Dependents &d)
{
    Question q;
    q.title = tr("Delete");
    q.text = questionText(entity, n);
    // Activities go with what they are on: said, not asked.
    const QString activities = d.activities == 0 ? QString()
        : tr("%n activity(-ies) on them will be deleted too, unless also on another record.",
             nullptr, d.activities);
    if (!d.hasRecords()) {
        q.details = activities.isEmpty() ? tr("This cannot be undone.")
                                         : tr("%1 This cannot be undone.").arg(activities);
        q.answers = {{tr("&Delete"), QMessageBox::DestructiveRole},
                     {tr("&Cancel"), QMessageBox::RejectRole}};
        q.defaultAnswer = 1;
        if (m_prompter->ask(m_parent, q) != 0)
            return std::nullopt;
        return DeleteRule::Refuse; // fails, undone, if something came to depend meanwhile
    }
    q.details = dependentsText(entity, n, d);
    if (!activities.isEmpty())
        q.details += QLatin1Char(' ') + activities;
    if (entity == Entity::Account) {
        q.answers = {{n == 1 ? tr("Delete with its contacts and deals")
                             : tr("Delete with their contacts and deals"),
                      QMessageBox::DestructiveRole},
                     {tr("Keep them, without account"), QMessageBox::AcceptRole}};
    } else {
        q.answers = {{tr("Delete the deals too"), QMessageBox::DestructiveRole},
                     {tr("Keep the deals, without contact"), QMessageBox::AcceptRole}};
    }
    q.answers.append({tr("&Cancel"), QMessageBox::RejectRole});
    q.defaultAnswer = 1; // the choice that loses nothing
    switch (m_prompter->ask(m_parent, q)) {
    case 0: return DeleteRule::DeleteRelated;
    case 1: return DeleteRule::DetachRelated;
    default: return std::nullopt;
    }
}

bool DeleteConfirmation::isRunning() const
{
    return !m_ids.isEmpty();
}

bool DeleteConfirmation::start(Entity entity, const QList<qint64> &ids)
{
    if (ids.isEmpty() || isRunning())
        return false;
    m_entity = entity;
    m_ids = ids;
    m_cancelled = false;
    // What depends on them is counted on the worker too: for a million ids that is more
    // than the window should wait for.
    showProgress(tr("Looking for records that depend on them…"), 0);
    auto dependents = std::make_shared<Dependents>();
    m_worker->start(
        [entity, ids, dependents](const QString &connection) {
            *dependents = RecordStore(connection).dependents(entity, ids);
        },
        [this, dependents](const QString &error) { counted(*dependents, error); });
    return true;
}

void DeleteConfirmation::counted(const Dependents &d, const QString &error)
{
    endProgress();
    if (m_cancelled)
        return finish(false);
    if (!error.isEmpty()) {
        m_prompter->warn(m_parent, tr("Could not delete"), tr("Nothing was deleted: %1").arg(error));
        return finish(false);
    }
    const std::optional<DeleteRule> rule = askRule(m_entity, int(m_ids.size()), d);
    if (!rule)
        return finish(false);
    showProgress(progressText(m_entity, int(m_ids.size())), 1);
    auto result = std::make_shared<QString>();
    DbWorker *worker = m_worker;
    m_worker->start(
        [this, entity = m_entity, ids = m_ids, chosen = *rule, worker,
         result](const QString &connection) {
            RecordStore::Control control;
            control.cancel = worker->cancelFlag();
            // Runs here, on the window's thread, unless the worker (and so this) is gone.
            control.progress = [this, worker](int done, int total) {
                worker->post([this, done, total] {
                    if (m_progress) {
                        m_progress->setMaximum(total);
                        m_progress->setValue(std::min(done, total - 1)); // open until the end
                    }
                });
            };
            *result = RecordStore(connection).removeMany(entity, ids, chosen, control);
        },
        [this, result](const QString &openError) {
            deleted(openError.isEmpty() ? *result : openError);
        });
}

void DeleteConfirmation::deleted(const QString &error)
{
    endProgress();
    if (!error.isEmpty() && !m_cancelled)
        m_prompter->warn(m_parent, tr("Could not delete"), tr("Nothing was deleted: %1").arg(error));
    finish(error.isEmpty());
}

void DeleteConfirmation::showProgress(const QString &label, int maximum)
{
    delete m_progress;
    m_progress = new QProgressDialog(label, tr("&Cancel"), 0, maximum, m_parent);
    m_progress->setObjectName(QStringLiteral("deleteProgress"));
    m_progress->setWindowTitle(tr("Delete"));
    // The window repaints and stays responsive, but nothing else is written meanwhile.
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->setAutoReset(false);
    m_progress->setAutoClose(false);
    m_progress->setMinimumDuration(ProgressDelayMs);
    m_progress->setValue(0); // starts the delay after which it shows
    connect(m_progress, &QProgressDialog::canceled, this, [this] {
        m_cancelled = true;
        m_worker->cancel(); // undone at the next step: the dialog goes once it is
        if (m_progress) {
            m_progress->show();
            m_progress->setLabelText(tr("Cancelling…"));
        }
    });
}

void DeleteConfirmation::endProgress()
{
    if (!m_progress)
        return;
    // Not canceled() on the way: the dialog goes quietly.
    m_progress->disconnect(this);
    m_progress->hide();
    m_progress->deleteLater();
    m_progress = nullptr;
}

void DeleteConfirmation::finish(bool deleted)
{
    m_ids.clear();
    emit finished(deleted);
}

} // namespace Rapport
