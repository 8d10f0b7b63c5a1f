#include "transfer/rowconverter.h"

#include "storage/picklists.h"

#include "records/moments.h"

#include "csv/csvwriter.h"
#include "transfer/headermatcher.h"
#include "transfer/picklistscanner.h"
#include "records/recordtypes.h"

#include <QDate>
#include <QLocale>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>

namespace Rapport {

namespace {

constexpr qsizetype RefCacheLimit = 20000;

const QRegularExpression &plainNumber()
{
    static const QRegularExpression re(QStringLiteral(R"(^[-+]?\d+(\.\d+)?([eE][-+]?\d+)?$)"));
    return re;
}

// "1.234.567" or "1,234" style: groups of three after the first.
bool isGrouped(const QString &text, QChar separator)
{
    const QStringList parts = text.split(separator);
    for (qsizetype i = 1; i < parts.size(); ++i) {
        if (parts[i].size() != 3)
            return false;
    }
    return !parts.first().isEmpty() && parts.first().size() <= 4;
}

std::optional<bool> parseBool(const QString &text)
{
    static const QStringList yes = {"1", "true", "yes", "y", "x", "on", "checked", "ja", "oui", "wahr"};
    static const QStringList no = {"0", "false", "no", "n", "off", "unchecked", "nein", "non", "falsch"};
    const QString t = text.toLower();
    if (yes.contains(t))
        return true;
    if (t.isEmpty() || no.contains(t))
        return false;
    return std::nullopt;
}

} // namespace

RowConverter::RowConverter(const QString &connectionName, Entity entity,
                           const QStringList &mapping, QChar delimiter, DateOrder dateOrder)
    : m_connection(connectionName)
    , m_entity(entity)
    , m_mapping(mapping)
    , m_delimiter(delimiter)
    , m_dateOrder(dateOrder)
    , m_added(Picklists(connectionName).added())
    , m_parents(connectionName)
{
}

void RowConverter::setAddToList(const QHash<QString, QStringList> &values)
{
    m_listed.clear();
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        if (const FieldDef *f = findField(m_entity, it.key()))
            m_added[QLatin1String(f->picklist)] += *it;
    }
}

const QStringList &RowConverter::listedValues(const FieldDef &f)
{
    const QString name = QLatin1String(f.name);
    auto it = m_listed.find(name);
    if (it == m_listed.end())
        it = m_listed.insert(name, importableValues(f) + m_added.value(QLatin1String(f.picklist)));
    return *it;
}

std::optional<QString> RowConverter::parseDecimal(QString t, QChar delimiter)
{
    static const QRegularExpression noise(QStringLiteral("[\\s\u00A0\u202F€$£¥']"));
    t.remove(noise);
    const qsizetype commas = t.count(QLatin1Char(',')), dots = t.count(QLatin1Char('.'));
    const bool semicolonFile = delimiter == QLatin1Char(';'); // Excel in a decimal-comma locale
    if (plainNumber().match(t).hasMatch() && !(semicolonFile && isGrouped(t, QLatin1Char('.'))))
        return t;
    if (commas > 0 && dots > 0) {
        const bool commaDecimal = t.lastIndexOf(QLatin1Char(',')) > t.lastIndexOf(QLatin1Char('.'));
        t.remove(commaDecimal ? QLatin1Char('.') : QLatin1Char(','));
        t.replace(QLatin1Char(','), QLatin1Char('.'));
    } else if (commas == 1 && !(isGrouped(t, QLatin1Char(',')) && !semicolonFile)) {
        t.replace(QLatin1Char(','), QLatin1Char('.')); // decimal comma
    } else if (commas > 0 && isGrouped(t, QLatin1Char(','))) {
        t.remove(QLatin1Char(','));
    } else if (dots > 0 && (dots > 1 || semicolonFile) && isGrouped(t, QLatin1Char('.'))) {
        t.remove(QLatin1Char('.')); // 1.234.567, or 1.234 in a European file
    }
    if (!plainNumber().match(t).hasMatch())
        return std::nullopt;
    return t;
}

QVariant RowConverter::convertDate(const FieldDef &f, const QString &text, QString *error)
{
    static const QRegularExpression iso(QStringLiteral(R"(^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})([T ].*)?$)"));
    static const QRegularExpression dotted(QStringLiteral(R"(^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$)"));
    static const QRegularExpression slashed(QStringLiteral(R"(^(\d{1,2})[/-](\d{1,2})[/-](\d{2}|\d{4})$)"));
    auto year = [](const QString &y) { return y.size() == 2 ? 2000 + y.toInt() : y.toInt(); };
    QDate date;
    if (auto m = iso.match(text); m.hasMatch()) {
        date = QDate(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
    } else if (auto d = dotted.match(text); d.hasMatch()) {
        date = QDate(year(d.captured(3)), d.captured(2).toInt(), d.captured(1).toInt());
    } else if (auto sl = slashed.match(text); sl.hasMatch()) {
        const int a = sl.captured(1).toInt(), b = sl.captured(2).toInt(), y = year(sl.captured(3));
        const QDate dayFirst(y, b, a), monthFirst(y, a, b);
        DateEvidence &ev = m_dates[QLatin1String(f.name)];
        if (dayFirst.isValid() && !monthFirst.isValid())
            ++ev.dayFirst;
        else if (monthFirst.isValid() && !dayFirst.isValid())
            ++ev.monthFirst;
        else if (dayFirst.isValid() && a != b && ev.ambiguous++ == 0)
            ev.example = text;
        date = m_dateOrder == DateOrder::MonthFirst ? monthFirst
             : m_dateOrder == DateOrder::DayFirst ? dayFirst
             : (dayFirst.isValid() ? dayFirst : monthFirst);
    }
    if (!date.isValid()) {
        *error = tr("%1: “%2” is not a date.").arg(fieldLabel(f), text);
        return {};
    }
    return date.toString(Qt::ISODate);
}

QVariant RowConverter::convertReference(const FieldDef &f, const QString &text, QString *error)
{
    const Entity target = f.refEntity;
    const QString key = QLatin1String(entityDef(target).table) + QLatin1Char('\n')
                        + ParentRecords::key(target, text);
    auto it = m_refCache.constFind(key);
    if (it == m_refCache.cend()) {
        if (m_refCache.size() > RefCacheLimit)
            m_refCache.clear();
        it = m_refCache.insert(key, m_parents.find(target, text));
    }
    if (*it > 0)
        return *it;
    bool isId = false;
    text.toLongLong(&isId);
    if (*it == 0 && !isId && m_createMissing && ParentRecords::canCreate(target, text)) {
        if (!m_journal) {
            m_parents.noteMissing(target, text);
            return {}; // made when the rows are written
        }
        const qint64 made = m_parents.create(target, text, m_stamp, *m_journal, error);
        if (made > 0)
            m_refCache.insert(key, made);
        return made > 0 ? QVariant(made) : QVariant();
    }
    *error = *it < 0 ? tr("%1: there are several %2 named “%3”; give the id instead.")
                           .arg(fieldLabel(f), entityPlural(target), text)
           : isId ? tr("%1: there is no %2 with the id %3.")
                        .arg(fieldLabel(f), entitySingular(target), text)
           : ParentRecords::canCreate(target, text)
               ? tr("%1: there is no %2 “%3” (import those first, or let the import make them).")
                     .arg(fieldLabel(f), entitySingular(target), text)
               : tr("%1: there is no %2 “%3”.").arg(fieldLabel(f), entitySingular(target), text);
    return {};
}

QVariant RowConverter::convertValue(const FieldDef &f, const QString &text, QString *error)
{
    switch (f.type) {
    case FieldType::Integer:
    case FieldType::Decimal: {
        const std::optional<QString> number = parseDecimal(text, m_delimiter);
        bool integral = false;
        if (number && f.type == FieldType::Integer)
            number->toLongLong(&integral);
        if (!number || (f.type == FieldType::Integer && !integral)) {
            *error = f.type == FieldType::Integer
                ? tr("%1: “%2” is not a whole number.").arg(fieldLabel(f), text)
                : tr("%1: “%2” is not a number.").arg(fieldLabel(f), text);
            return {};
        }
        return *number;
    }
    case FieldType::Date:
        return convertDate(f, text, error);
    case FieldType::DateTime: {
        // Files carry local times unless they say otherwise (an iCalendar "Z", an offset).
        const QDateTime moment = Moments::parse(text, QLocale::c());
        if (!moment.isValid()) {
            *error = tr("%1: “%2” is not a date and time.").arg(fieldLabel(f), text);
            return {};
        }
        return Moments::toStored(moment);
    }
    case FieldType::Bool:
        if (const std::optional<bool> b = parseBool(text))
            return *b ? 1 : 0;
        *error = tr("%1: “%2” is neither yes nor no.").arg(fieldLabel(f), text);
        return {};
    case FieldType::Reference:
        return convertReference(f, text, error);
    case FieldType::Picklist: {
        // The user's answer first, so that the check, its counts and the write agree.
        QString value = text;
        bool chosen = false;
        const auto map = m_valueMap.constFind(QLatin1String(f.name));
        if (map != m_valueMap.cend()) {
            if (const auto to = map->constFind(PicklistScanner::fold(text)); to != map->cend()) {
                if (to->isEmpty())
                    return {};
                value = *to;
                chosen = true;
            }
        }
        for (const QString &v : listedValues(f)) {
            if (v.compare(value, Qt::CaseInsensitive) == 0)
                return v;
        }
        auto &unknown = (chosen ? m_keptPicks : m_unknownPicks)[QLatin1String(f.name)];
        if (unknown.first++ == 0)
            unknown.second = value;
        return value;
    }
    default:
        return text;
    }
}

QVariantMap RowConverter::convert(const QStringList &cells, QStringList *errors)
{
    QVariantMap values;
    const QString recordId = HeaderMatcher::recordId();
    for (qsizetype i = 0; i < cells.size() && i < m_mapping.size(); ++i) {
        const QString &name = m_mapping[i];
        if (name.isEmpty() || values.contains(name))
            continue;
        // A NUL in a cell (a file saved in another encoding, a broken export) is dropped as a
        // form drops it (records/validation.h).
        const QString raw = CsvWriter::unguarded(cells[i]).remove(QChar::Null);
        if (name == recordId) {
            values.insert(name, raw.trimmed());
            continue;
        }
        const FieldDef *f = findField(m_entity, name);
        if (!f)
            continue;
        const QString text = raw.trimmed();
        if (text.isEmpty()) {
            values.insert(name, QVariant());
            continue;
        }
        QString error;
        QVariant v = f->type == FieldType::LongText ? QVariant(raw)
                                                     : convertValue(*f, text, &error);
        if (!error.isEmpty() && f->type == FieldType::Reference) {
            const QString byName = nameCell(name, cells);
            if (!byName.isEmpty()) {
                error.clear();
                v = convertReference(*f, byName, &error);
            }
        }
        if (!error.isEmpty())
            errors->append(error);
        values.insert(name, v);
    }
    // A reference whose id cell is empty, given by its name alone.
    for (auto it = m_nameColumn.cbegin(); it != m_nameColumn.cend(); ++it) {
        const QString byName = nameCell(it.key(), cells);
        if (values.value(it.key()).isNull() && !byName.isEmpty()) {
            QString error;
            values.insert(it.key(), convertReference(*findField(m_entity, it.key()), byName, &error));
            if (!error.isEmpty())
                errors->append(error);
        }
    }
    if (!m_headers.isEmpty())
        appendUnmapped(cells, values);
    return values;
}

void RowConverter::setNameColumns(const QStringList &headers)
{
    m_nameColumn.clear();
    const HeaderMatcher matcher(m_entity);
    for (qsizetype i = 0; i < headers.size() && i < m_mapping.size(); ++i) {
        if (!m_mapping[i].isEmpty())
            continue;
        const QString field = matcher.match(headers[i]);
        const FieldDef *f = findField(m_entity, field);
        if (f && f->type == FieldType::Reference && m_mapping.contains(field))
            m_nameColumn.insert(field, i);
    }
}

QString RowConverter::nameCell(const QString &field, const QStringList &cells) const
{
    const qsizetype column = m_nameColumn.value(field, -1);
    return column >= 0 && column < cells.size() ? CsvWriter::unguarded(cells[column]).trimmed()
                                                : QString();
}

void RowConverter::appendUnmapped(const QStringList &cells, QVariantMap &values) const
{
    const QString description = QStringLiteral("description");
    QStringList lines;
    for (qsizetype i = 0; i < cells.size() && i < m_mapping.size(); ++i) {
        const QString text = CsvWriter::unguarded(cells[i]).trimmed();
        const bool folded = m_mapping[i] == ImportOptions::toDescription()
                            || (m_foldUnmapped && m_mapping[i].isEmpty());
        if (folded && !text.isEmpty() && i < m_headers.size())
            lines << m_headers[i] + QStringLiteral(": ") + text;
    }
    if (lines.isEmpty() || !findField(m_entity, description))
        return;
    const QString before = values.value(description).toString();
    values.insert(description, (before.isEmpty() ? QString() : before + QLatin1Char('\n'))
                                   + lines.join(QLatin1Char('\n')));
}

DateOrder RowConverter::decideDateOrder(QString *conflict)
{
    DateOrder order = m_dateOrder;
    for (auto it = m_dates.cbegin(); it != m_dates.cend() && m_dateOrder == DateOrder::Auto; ++it) {
        const FieldDef *f = findField(m_entity, it.key());
        if (it->dayFirst > 0 && it->monthFirst > 0) {
            *conflict = tr("%1 mixes day/month and month/day dates (%2 and %3): choose the "
                           "order.")
                            .arg(fieldLabel(*f), tr("%n row(s)", nullptr, int(it->dayFirst)),
                                 tr("%n row(s)", nullptr, int(it->monthFirst)));
        } else if (it->dayFirst > 0) {
            order = DateOrder::DayFirst;
        } else if (it->monthFirst > 0) {
            order = DateOrder::MonthFirst;
        } else if (it->ambiguous > 0 && order == DateOrder::Auto) {
            const QString fmt = QLocale().dateFormat(QLocale::ShortFormat).toLower();
            order = fmt.indexOf(QLatin1Char('d')) < fmt.indexOf(QLatin1Char('m'))
                ? DateOrder::DayFirst : DateOrder::MonthFirst;
        }
    }
    m_dateOrder = order == DateOrder::Auto ? DateOrder::DayFirst : order;
    return m_dateOrder;
}

QStringList RowConverter::notes() const
{
    QStringList out;
    for (auto it = m_dates.cbegin(); it != m_dates.cend(); ++it) {
        if (it->ambiguous == 0 || it->dayFirst > 0 || it->monthFirst > 0)
            continue;
        const FieldDef *f = findField(m_entity, it.key());
        out << tr("%1: dates such as “%2” could be day/month or month/day; they were read as "
                  "%3.").arg(fieldLabel(*f), it->example,
                             m_dateOrder == DateOrder::MonthFirst ? tr("month/day")
                                                                  : tr("day/month"));
    }
    for (auto it = m_unknownPicks.cbegin(); it != m_unknownPicks.cend(); ++it) {
        const FieldDef *f = findField(m_entity, it.key());
        out << tr("%1: %n row(s) have values that are not in the list (such as “%2”).", nullptr,
                  int(it->first)).arg(fieldLabel(*f), it->second);
    }
    for (auto it = m_keptPicks.cbegin(); it != m_keptPicks.cend(); ++it) {
        const FieldDef *f = findField(m_entity, it.key());
        out << tr("%1: %n row(s) keep values that are not in the list, as you chose (such as "
                  "“%2”).", nullptr, int(it->first)).arg(fieldLabel(*f), it->second);
    }
    return out;
}

} // namespace Rapport
