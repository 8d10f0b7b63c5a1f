#include "records/conversionlinks.h"

#include "storage/recordstore.h"
#include "records/recordtypes.h"

#include <QDateTime>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace Rapport {

ConversionLinks::ConversionLinks(qint64 leadId, const QString &connection, QWidget *parent)
    : QWidget(parent)
    , m_connection(connection)
{
    setObjectName(QStringLiteral("conversionLinks"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    const QVariantMap lead = RecordStore(connection).load(Entity::Lead, leadId).value_or(QVariantMap());
    const QVariant at = lead.value(QStringLiteral("converted_at"));
    if (at.isNull()) {
        hide();
        return;
    }
    const QDateTime when = QDateTime::fromString(at.toString(), Qt::ISODate);
    auto *title = new QLabel(tr("Converted on %1 into:")
                                 .arg(when.isValid() ? QLocale().toString(when.toLocalTime(),
                                                                          QLocale::ShortFormat)
                                                     : at.toString()),
                             this);
    title->setObjectName(QStringLiteral("convertedLabel"));
    layout->addWidget(title);
    addLink(Entity::Account, lead.value(QStringLiteral("converted_account_id")).toLongLong(),
            QStringLiteral("convertedAccountLink"));
    addLink(Entity::Contact, lead.value(QStringLiteral("converted_contact_id")).toLongLong(),
            QStringLiteral("convertedContactLink"));
    addLink(Entity::Deal, lead.value(QStringLiteral("converted_deal_id")).toLongLong(),
            QStringLiteral("convertedDealLink"));
}

void ConversionLinks::addLink(Entity entity, qint64 id, const QString &objectName)
{
    if (!id)
        return;
    const QString name = RecordStore(m_connection).nameOf(entity, id);
    auto *link = new QPushButton(this);
    link->setObjectName(objectName);
    link->setFlat(true);
    link->setAutoDefault(false);
    // The record may have been deleted since; say so instead of offering a dead link.
    link->setEnabled(!name.isEmpty());
    link->setText(name.isEmpty() ? tr("%1 (deleted)").arg(entitySingular(entity))
                                 : tr("%1 “%2”").arg(entitySingular(entity), name));
    connect(link, &QPushButton::clicked, this, [this, entity, id] {
        Q_EMIT openRequested(entity, id);
    });
    layout()->addWidget(link);
}

} // namespace Rapport
