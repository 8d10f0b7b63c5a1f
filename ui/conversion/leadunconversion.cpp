#include "conversion/leadunconversion.h"

#include "conversion/conversionjournal.h"
#include "conversion/converter.h"
#include "prompts/prompter.h"
#include "storage/recordstore.h"
#include "records/recordtypes.h"

namespace Rapport {

LeadUnconversion::LeadUnconversion(const QString &connection, Prompter &prompter,
                                   QWidget *parent)
    : m_connection(connection)
    , m_prompter(prompter)
    , m_parent(parent)
{
}

bool LeadUnconversion::run(qint64 leadId, Confirm confirm) const
{
    const Converter converter(m_connection);
    const UnconvertReport check = converter.checkUnconvert(leadId);
    if (!check.ok() && check.status != UnconvertReport::Status::Conflicts) {
        m_prompter.warn(m_parent, tr("Cannot unconvert"), check.error);
        return false;
    }
    const std::optional<UnconvertMode> mode = ask(leadId, check, confirm);
    if (!mode)
        return false;
    const UnconvertReport done = converter.unconvert(leadId, *mode);
    if (!done.ok()) {
        m_prompter.warn(m_parent, tr("Could not unconvert"),
                        tr("Nothing was changed.\n\n%1").arg(done.error));
        return false;
    }
    return true;
}

std::optional<UnconvertMode> LeadUnconversion::ask(qint64 leadId, const UnconvertReport &check,
                                                   Confirm confirm) const
{
    const QString name = RecordStore(m_connection).nameOf(Entity::Lead, leadId);
    QStringList issues;
    for (const UnconvertIssue &issue : check.issues)
        issues << QStringLiteral("• ") + issue.message;
    Question q;
    q.title = tr("Unconvert “%1”").arg(name);
    if (check.hasBlockingIssues()) {
        q.text = tr("The records this conversion made or changed were worked on since. "
                    "Unconverting all of it would lose that work:");
        q.details = issues.join(QLatin1Char('\n'));
        q.answers = {{tr("&Keep Later Work"), QMessageBox::AcceptRole},
                     {tr("&Undo Everything"), QMessageBox::DestructiveRole},
                     {tr("&Cancel"), QMessageBox::RejectRole}};
        switch (m_prompter.ask(m_parent, q)) {
        case 0: return UnconvertMode::KeepEdited;
        case 1: return UnconvertMode::Discard;
        default: return std::nullopt;
        }
    }
    if (confirm == Confirm::OnlyIfLossy)
        return UnconvertMode::Refuse;
    q.text = tr("Make “%1” an active lead again?").arg(name);
    q.details = whatHappens(leadId);
    if (!issues.isEmpty())
        q.details += QStringLiteral("\n") + issues.join(QLatin1Char('\n'));
    q.answers = {{tr("&Unconvert"), QMessageBox::AcceptRole},
                 {tr("&Cancel"), QMessageBox::RejectRole}};
    if (m_prompter.ask(m_parent, q) != 0)
        return std::nullopt;
    return UnconvertMode::Refuse;
}

QString LeadUnconversion::whatHappens(qint64 leadId) const
{
    const std::optional<ConversionRecord> record = ConversionJournal(m_connection).current(leadId);
    if (!record)
        return {};
    const RecordStore store(m_connection);
    QStringList deleted;
    if (record->accountCreated && record->accountId)
        deleted << tr("account “%1”").arg(store.nameOf(Entity::Account, record->accountId));
    if (record->contactCreated && record->contactId)
        deleted << tr("contact “%1”").arg(store.nameOf(Entity::Contact, record->contactId));
    if (record->dealId)
        deleted << tr("deal “%1”").arg(store.nameOf(Entity::Deal, record->dealId));
    QStringList lines;
    if (!deleted.isEmpty())
        lines << tr("Deleted: %1.").arg(deleted.join(QStringLiteral(", ")));
    int fields = 0;
    for (const RecordChange &c : record->changes)
        fields += c.after.size() - (c.after.contains(QStringLiteral("modified_at")) ? 1 : 0);
    if (fields > 0)
        lines << tr("%n field(s) on existing records get their earlier value back.", "", fields);
    return lines.join(QLatin1Char('\n'));
}

} // namespace Rapport
