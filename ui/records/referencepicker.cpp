#include "records/referencepicker.h"

#include "storage/recordstore.h"
#include "records/recordtypes.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QLineEdit>
#include <QStringListModel>
#include <QTimer>

namespace Rapport {

namespace {

constexpr int PlainNameRole = Qt::UserRole + 1;

} // namespace

ReferencePicker::ReferencePicker(Entity entity, const QString &connection, QWidget *parent)
    : QComboBox(parent)
    , m_entity(entity)
    , m_connection(connection)
    , m_searchTimer(new QTimer(this))
    , m_found(new QStringListModel(this))
{
    setEditable(true);
    setInsertPolicy(QComboBox::NoInsert); // Enter must not invent a record
    auto *completer = new QCompleter(model(), this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    completer->setCompletionMode(QCompleter::PopupCompletion);
    setCompleter(completer);
    lineEdit()->setPlaceholderText(tr("Type to search %1").arg(entityPlural(entity)));
    // Searching waits for a pause in typing: one query per word, not per key.
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(150);
    connect(m_searchTimer, &QTimer::timeout, this, &ReferencePicker::search);
    connect(lineEdit(), &QLineEdit::textEdited, this, [this] {
        if (m_searching)
            m_searchTimer->start();
    });
    reload();
}

void ReferencePicker::setListLimit(int limit)
{
    m_listLimit = limit;
    reload();
}

void ReferencePicker::fill(const QList<QPair<qint64, QString>> &names)
{
    const QString text = currentText();
    const int cursor = lineEdit()->cursorPosition();
    QHash<QString, int> seen;
    for (const auto &n : names)
        ++seen[n.second.toLower()];
    clear();
    addItem(QString());
    for (const auto &[id, name] : names) {
        // Two accounts of the same name must stay tellable apart.
        addItem(seen.value(name.toLower()) > 1 ? tr("%1 (#%2)").arg(name).arg(id) : name, id);
        setItemData(count() - 1, name, PlainNameRole);
    }
    setEditText(text);
    lineEdit()->setCursorPosition(cursor);
}

void ReferencePicker::reload()
{
    RecordStore store(m_connection);
    m_searching = store.count(m_entity) > m_listLimit;
    fill(m_searching ? QList<QPair<qint64, QString>>() : store.names(m_entity));
    m_found->setStringList({});
    // Searching, the popup offers what the database found: it matched accents and other
    // fields (a web domain) that the completer's own filter would not.
    completer()->setModel(m_searching ? static_cast<QAbstractItemModel *>(m_found) : model());
}

void ReferencePicker::search()
{
    const QString text = currentText().trimmed();
    if (text.isEmpty())
        return;
    fill(RecordStore(m_connection).names(m_entity, text, SearchLimit));
    QStringList found;
    for (int i = 1; i < count(); ++i)
        found << itemText(i);
    m_found->setStringList(found);
    if (!found.isEmpty() && lineEdit()->hasFocus()) {
        completer()->setCompletionPrefix(QString());
        completer()->complete();
    }
}

void ReferencePicker::setRecordId(const QVariant &id)
{
    if (id.isNull()) {
        setCurrentIndex(0);
        setEditText(QString());
        return;
    }
    int i = findData(id.toLongLong());
    if (i < 0) { // not in the list (searching, or added meanwhile): add just this one
        const qint64 record = id.toLongLong();
        RecordStore store(m_connection);
        const QString name = store.nameOf(m_entity, record);
        int sameName = 0;
        for (const auto &other : store.names(m_entity, name, 2))
            sameName += other.second.compare(name, Qt::CaseInsensitive) == 0 ? 1 : 0;
        addItem(name.isEmpty() || sameName > 1 ? tr("%1 (#%2)").arg(name).arg(record) : name,
                record);
        setItemData(count() - 1, name, PlainNameRole);
        i = count() - 1;
    }
    setCurrentIndex(i);
}

ReferencePicker::Match ReferencePicker::match(qint64 *id) const
{
    const QString text = currentText().trimmed();
    if (text.isEmpty())
        return Match::Blank;
    auto found = [id](qint64 record) {
        if (id)
            *id = record;
        return Match::Found;
    };
    // The entry picked (or stored) is that record, even if others share its name.
    if (currentIndex() > 0 && itemText(currentIndex()) == text)
        return found(itemData(currentIndex()).toLongLong());
    for (int i = 1; i < count(); ++i) {
        const bool suffixed = itemText(i) != itemData(i, PlainNameRole).toString();
        if (itemText(i).compare(text, Qt::CaseInsensitive) == 0 && (suffixed || !m_searching))
            return found(itemData(i).toLongLong());
    }
    // A typed name: unique in the whole table, or no answer at all.
    QList<qint64> named;
    if (m_searching) {
        for (const auto &[record, name] : RecordStore(m_connection).names(m_entity, text, 2)) {
            if (name.compare(text, Qt::CaseInsensitive) == 0)
                named << record;
        }
    } else {
        for (int i = 1; i < count(); ++i) {
            if (itemData(i, PlainNameRole).toString().compare(text, Qt::CaseInsensitive) == 0)
                named << itemData(i).toLongLong();
        }
    }
    if (named.size() == 1)
        return found(named.first());
    return named.isEmpty() ? Match::Unknown : Match::Ambiguous;
}

} // namespace Rapport
