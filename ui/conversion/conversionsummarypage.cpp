#include "conversion/conversionsummarypage.h"

#include "conversion/converter.h"
#include "storage/recordstore.h"
#include "records/recordtypes.h"
#include "records/valuetext.h"
#include "prompts/warningtext.h"

#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Rapport {

namespace {

// A value as the rep knows it: a link by the name of the record it points to.
QString valueText(const QString &connection, Entity entity, const QString &column,
                  const QVariant &v)
{
    if (v.isNull() || v.toString().isEmpty())
        return ConversionSummaryPage::tr("(empty)");
    const FieldDef *f = findField(entity, column);
    if (f && f->type == FieldType::Reference) {
        const QString name = RecordStore(connection).nameOf(f->refEntity, v.toLongLong());
        return name.isEmpty() ? ConversionSummaryPage::tr("the new %1")
                                    .arg(entityNoun(f->refEntity))
                              : name;
    }
    return f ? valueText(*f, v) : v.toString();
}

QString fieldName(Entity entity, const QString &column)
{
    const FieldDef *f = findField(entity, column);
    return f ? fieldLabel(*f) : column;
}

} // namespace

ConversionSummaryPage::ConversionSummaryPage(std::shared_ptr<const ConversionContext> shared)
    : ConversionPage(std::move(shared))
    , m_tree(new QTreeWidget(this))
    , m_error(new QLabel(this))
{
    setTitle(tr("Summary"));
    setSubTitle(tr("Nothing is written until you press Convert. Convert can be undone."));
    m_tree->setObjectName(QStringLiteral("summaryTree"));
    m_tree->setHeaderHidden(true);
    m_error->setObjectName(QStringLiteral("summaryError"));
    m_error->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_error);
    setCommitPage(false);
}

QTreeWidgetItem *ConversionSummaryPage::section(const QString &title, const QString &objectName)
{
    auto *item = new QTreeWidgetItem(m_tree, {title});
    item->setData(0, Qt::UserRole, objectName);
    QFont bold = item->font(0);
    bold.setBold(true);
    item->setFont(0, bold);
    item->setExpanded(true);
    return item;
}

void ConversionSummaryPage::initializePage()
{
    m_tree->clear();
    const ConversionResult preview = Converter(context().connection).preview(plan());
    m_previewOk = preview.ok() && context().loadError.isEmpty();
    m_error->setText(m_previewOk ? QString()
                                 : tr("This conversion cannot be made: %1")
                                       .arg(context().loadError.isEmpty() ? preview.error
                                                                 : context().loadError));
    if (preview.ok()) {
        addCreated(preview);
        addChanged(preview);
        addLinked(preview);
        addDropped();
    }
    m_tree->expandAll();
    Q_EMIT completeChanged();
}

void ConversionSummaryPage::addCreated(const ConversionResult &preview)
{
    QTreeWidgetItem *created = section(tr("Created"), QStringLiteral("created"));
    for (Entity e : {Entity::Account, Entity::Contact, Entity::Deal}) {
        if (!preview.created.contains(e))
            continue;
        const QVariantMap values = preview.created.value(e);
        auto *item = new QTreeWidgetItem(created, {tr("New %1 “%2”").arg(
                                                       entityNoun(e),
                                                       displayName(e, values))});
        for (auto it = values.cbegin(); it != values.cend(); ++it) {
            if (!it.value().isNull() && !it.value().toString().isEmpty() && findField(e, it.key()))
                new QTreeWidgetItem(item, {tr("%1: %2").arg(
                                              fieldName(e, it.key()),
                                              valueText(context().connection, e, it.key(),
                                                        it.value()))});
        }
    }
    new QTreeWidgetItem(created, {tr("The lead is marked converted; its notes show on the "
                                     "contact and the deal.")});
}

void ConversionSummaryPage::addChanged(const ConversionResult &preview)
{
    if (preview.changes.isEmpty())
        return;
    QTreeWidgetItem *changed = section(tr("Updated"), QStringLiteral("updated"));
    const RecordStore store(context().connection);
    for (const RecordChange &c : preview.changes) {
        auto *item = new QTreeWidgetItem(changed, {tr("%1 “%2”").arg(
                                                       entitySingular(c.entity),
                                                       store.nameOf(c.entity, c.id))});
        for (auto it = c.after.cbegin(); it != c.after.cend(); ++it) {
            if (it.key() == QLatin1String("modified_at"))
                continue;
            const QString connection = context().connection;
            new QTreeWidgetItem(item, {tr("%1: %2 → %3").arg(
                                          fieldName(c.entity, it.key()),
                                          valueText(connection, c.entity, it.key(),
                                                    c.before.value(it.key())),
                                          valueText(connection, c.entity, it.key(), it.value()))});
        }
    }
}

void ConversionSummaryPage::addLinked(const ConversionResult &preview)
{
    QTreeWidgetItem *linked = section(tr("Linked"), QStringLiteral("linked"));
    const RecordStore store(context().connection);
    if (!preview.accountId)
        new QTreeWidgetItem(linked, {tr("No account: the contact stands alone.")});
    else if (!preview.accountCreated)
        new QTreeWidgetItem(linked, {tr("Existing account “%1”")
                                         .arg(store.nameOf(Entity::Account, preview.accountId))});
    if (!preview.contactCreated)
        new QTreeWidgetItem(linked, {tr("Existing contact “%1”")
                                         .arg(store.nameOf(Entity::Contact, preview.contactId))});
    if (linked->childCount() == 0)
        delete linked;
}

void ConversionSummaryPage::addDropped()
{
    const QStringList dropped = field(QStringLiteral("mapping.dropped")).toStringList();
    if (dropped.isEmpty())
        return;
    QTreeWidgetItem *lost = section(tr("Not carried over"), QStringLiteral("dropped"));
    lost->setForeground(0, warningTextColour(m_tree->palette(), QPalette::Base));
    for (const QString &name : dropped)
        new QTreeWidgetItem(lost, {tr("%1: %2").arg(
                                      fieldName(Entity::Lead, name),
                                      valueText(context().connection, Entity::Lead, name,
                                                context().lead.value(name)))});
}

bool ConversionSummaryPage::isComplete() const
{
    return m_previewOk;
}

} // namespace Rapport
