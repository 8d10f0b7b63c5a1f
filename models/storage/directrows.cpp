#include "storage/directrows.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QVariant>

#ifdef RAPPORT_SQLITE_INTERRUPT
#include <sqlite3.h>
#endif

namespace Rapport {

#ifdef RAPPORT_SQLITE_INTERRUPT
namespace {

sqlite3 *handleOf(const QString &connection)
{
    return static_cast<sqlite3 *>(DirectRows::sqliteHandle(connection));
}

sqlite3_stmt *stmt(void *s)
{
    return static_cast<sqlite3_stmt *>(s);
}

} // namespace
#endif

void *DirectRows::sqliteHandle(const QString &connectionName)
{
#ifdef RAPPORT_SQLITE_INTERRUPT
    const QSqlDatabase db = QSqlDatabase::database(connectionName, false);
    const QVariant v = db.isOpen() && db.driver() ? db.driver()->handle() : QVariant();
    if (v.isValid() && qstrcmp(v.typeName(), "sqlite3*") == 0)
        return *static_cast<sqlite3 *const *>(v.data());
#else
    Q_UNUSED(connectionName);
#endif
    return nullptr;
}

DirectRows::DirectRows(const QString &connectionName)
    : m_connection(connectionName)
{
}

DirectRows::~DirectRows()
{
#ifdef RAPPORT_SQLITE_INTERRUPT
    sqlite3_finalize(stmt(m_statement));
#endif
}

bool DirectRows::isPossible() const
{
#ifdef RAPPORT_SQLITE_INTERRUPT
    return handleOf(m_connection) != nullptr;
#else
    return false;
#endif
}

bool DirectRows::exec(const QString &sql, const QVariantList &binds)
{
    m_error.clear();
#ifdef RAPPORT_SQLITE_INTERRUPT
    sqlite3 *db = handleOf(m_connection);
    if (!db) {
        m_error = QStringLiteral("not an SQLite connection");
        return false;
    }
    sqlite3_finalize(stmt(m_statement));
    m_statement = nullptr;
    sqlite3_stmt *s = nullptr;
    const QByteArray text = sql.toUtf8();
    if (sqlite3_prepare_v2(db, text.constData(), int(text.size()), &s, nullptr) != SQLITE_OK) {
        m_error = QString::fromUtf8(sqlite3_errmsg(db));
        sqlite3_finalize(s);
        return false;
    }
    m_statement = s;
    if (sqlite3_bind_parameter_count(s) != binds.size()) {
        m_error = QStringLiteral("%1 values for %2 parameters")
                      .arg(binds.size())
                      .arg(sqlite3_bind_parameter_count(s));
        return false;
    }
    int rc = SQLITE_OK;
    for (int i = 0; i < binds.size() && rc == SQLITE_OK; ++i) {
        const QVariant &v = binds[i];
        // As Qt's driver binds: a null string is NULL too.
        const bool null = v.isNull()
            || (v.typeId() == QMetaType::QString && v.toString().isNull());
        switch (null ? QMetaType::UnknownType : v.typeId()) {
        case QMetaType::UnknownType:
            rc = sqlite3_bind_null(s, i + 1);
            break;
        case QMetaType::Bool:
        case QMetaType::Int:
        case QMetaType::UInt:
        case QMetaType::LongLong:
        case QMetaType::ULongLong:
            rc = sqlite3_bind_int64(s, i + 1, v.toLongLong());
            break;
        case QMetaType::Double:
        case QMetaType::Float:
            rc = sqlite3_bind_double(s, i + 1, v.toDouble());
            break;
        case QMetaType::QByteArray: {
            const QByteArray bytes = v.toByteArray();
            rc = sqlite3_bind_blob64(s, i + 1, bytes.constData(), sqlite3_uint64(bytes.size()),
                                     SQLITE_TRANSIENT);
            break;
        }
        default: {
            const QByteArray utf8 = v.toString().toUtf8();
            rc = sqlite3_bind_text64(s, i + 1, utf8.constData(), sqlite3_uint64(utf8.size()),
                                     SQLITE_TRANSIENT, SQLITE_UTF8);
        }
        }
    }
    if (rc != SQLITE_OK) {
        m_error = QString::fromUtf8(sqlite3_errmsg(db));
        return false;
    }
    return true;
#else
    Q_UNUSED(sql);
    Q_UNUSED(binds);
    m_error = QStringLiteral("not built with SQLite");
    return false;
#endif
}

bool DirectRows::next()
{
#ifdef RAPPORT_SQLITE_INTERRUPT
    if (!m_statement)
        return false;
    const int rc = sqlite3_step(stmt(m_statement));
    if (rc == SQLITE_ROW)
        return true;
    if (rc != SQLITE_DONE)
        m_error = QString::fromUtf8(sqlite3_errmsg(sqlite3_db_handle(stmt(m_statement))));
    sqlite3_finalize(stmt(m_statement));
    m_statement = nullptr;
#endif
    return false;
}

bool DirectRows::isText(int i) const
{
#ifdef RAPPORT_SQLITE_INTERRUPT
    return sqlite3_column_type(stmt(m_statement), i) == SQLITE_TEXT;
#else
    Q_UNUSED(i);
    return false;
#endif
}

QByteArrayView DirectRows::text(int i) const
{
#ifdef RAPPORT_SQLITE_INTERRUPT
    // sqlite3_column_text() first, then its size, as SQLite's documentation asks.
    const auto *bytes = reinterpret_cast<const char *>(sqlite3_column_text(stmt(m_statement), i));
    return bytes ? QByteArrayView(bytes, sqlite3_column_bytes(stmt(m_statement), i))
                 : QByteArrayView();
#else
    Q_UNUSED(i);
    return {};
#endif
}

qint64 DirectRows::id(int i) const
{
#ifdef RAPPORT_SQLITE_INTERRUPT
    return sqlite3_column_int64(stmt(m_statement), i);
#else
    Q_UNUSED(i);
    return 0;
#endif
}

QVariant DirectRows::value(int i) const
{
#ifdef RAPPORT_SQLITE_INTERRUPT
    sqlite3_stmt *s = stmt(m_statement);
    switch (sqlite3_column_type(s, i)) {
    case SQLITE_INTEGER:
        return qint64(sqlite3_column_int64(s, i));
    case SQLITE_FLOAT:
        return sqlite3_column_double(s, i);
    case SQLITE_TEXT: {
        const QByteArrayView t = text(i);
        return QString::fromUtf8(t);
    }
    case SQLITE_BLOB: {
        const auto *bytes = static_cast<const char *>(sqlite3_column_blob(s, i));
        return QByteArray(bytes, sqlite3_column_bytes(s, i));
    }
    default:
        return {};
    }
#else
    Q_UNUSED(i);
    return {};
#endif
}

} // namespace Rapport
