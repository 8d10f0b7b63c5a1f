// Hostile text wherever text enters Rapport — a form's save, a CSV cell, an iCalendar file, the
// quick search, a database address: quotes, SQL fragments, LIKE wildcards, dollar quotes,
// right-to-left text, emoji sequences, a NUL and a megabyte. Each is stored and found as the
// plain text it is, on both engines (support/engines.h), and the tables are all still there.
#include "activities/icalendar.h"
#include "lists/recordtablemodel.h"
#include "records/recordtypes.h"
#include "storage/notestore.h"
#include "storage/recordstore.h"
#include "storage/serverlocation.h"
#include "transfer/importer.h"
#include "support/engines.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>
#include <QUrl>

using namespace Rapport;

namespace {

const char *const Db = "hostile";

struct Payload {
    const char *name;
    QString text;
};

// The classic payloads. Each is a last name a rep might paste, so each must come back as typed.
QList<Payload> payloads()
{
    return {
        {"quote", QStringLiteral("O'Brien")},
        {"injection", QStringLiteral("Robert'); DROP TABLE leads;--")},
        {"always true", QStringLiteral("' OR '1'='1' --")},
        {"stacked", QStringLiteral("x\"; DELETE FROM contacts; --")},
        {"comment", QStringLiteral("a /* b */ c -- d")},
        {"wildcards", QStringLiteral("100%_sure")},
        {"backslash", QStringLiteral("C:\\Temp\\new")},
        {"dollar quote", QStringLiteral("$$; DROP TABLE deals; $$")},
        {"escape string", QStringLiteral("E'\\x27' || chr(39)")},
        {"right to left", QStringLiteral("שלום עולם \u202Eevil\u202C")},
        {"arabic", QStringLiteral("شركة الأمل\u200F")},
        {"emoji sequence", QStringLiteral("Dev 👩‍💻 🇩🇪 1️⃣")},
        {"combining", QStringLiteral("Zoe\u0308 cafe\u0301")},
        {"newlines and tabs", QStringLiteral("line one\r\nline\ttwo")},
    };
}

int count(const char *table)
{
    QSqlQuery q(QSqlDatabase::database(Db));
    return q.exec(QStringLiteral("SELECT COUNT(*) FROM %1").arg(QLatin1String(table))) && q.next()
               ? q.value(0).toInt()
               : -1;
}

QStringList lastNamesFound(const QString &search)
{
    RecordTableModel model(Entity::Lead, Db);
    model.setRecordFilter({.search = search});
    const int col = fieldIndex(Entity::Lead, QStringLiteral("last_name"));
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out << model.index(row, col).data().toString();
    return out;
}

} // namespace

class TestHostileInput : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void formTextIsStoredAndFoundAsTyped_data();
    void formTextIsStoredAndFoundAsTyped();
    void aMegabyteIsKeptWhole();
    void aNulIsDroppedAndTheRestKept();
    void csvCellsAreImportedAsPlainText();
    void calendarTextIsImportedAsPlainText();
    void databaseAddressesAreParsedNotRun();

private:
    QString file(const QString &name, const QByteArray &bytes);
    Engines::FreshDatabase m_fresh{QStringLiteral("hostile")};
    int m_serial = 0;
};

void TestHostileInput::init()
{
    QVERIFY(m_fresh.open(Db));
}

void TestHostileInput::cleanup()
{
    QVERIFY(m_fresh.drop());
}

QString TestHostileInput::file(const QString &name, const QByteArray &bytes)
{
    const QString path = m_fresh.path(QStringLiteral("%1-%2").arg(++m_serial).arg(name));
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(bytes);
    return path;
}

void TestHostileInput::formTextIsStoredAndFoundAsTyped_data()
{
    QTest::addColumn<QString>("text");
    for (const Payload &p : payloads())
        QTest::newRow(p.name) << p.text;
}

void TestHostileInput::formTextIsStoredAndFoundAsTyped()
{
    QFETCH(QString, text);
    RecordStore store(Db);
    QVERIFY(store.insert(Entity::Lead, {{"last_name", QStringLiteral("Bystander")}}).ok());
    // WHEN the text is saved as a lead's name, company and description
    const WriteResult made = store.insert(
        Entity::Lead, {{"last_name", text}, {"company", text}, {"description", text}});
    QVERIFY2(made.ok(), qPrintable(made.error));
    // THEN it comes back exactly as typed
    const auto lead = store.load(Entity::Lead, made.id);
    QVERIFY(lead);
    QCOMPARE(lead->value("last_name").toString(), text);
    QCOMPARE(lead->value("company").toString(), text);
    QCOMPARE(lead->value("description").toString(), text);
    // and an edit through the same text round-trips too
    const QString edited = text + QStringLiteral(" '2'");
    const WriteResult changed = store.update(Entity::Lead, made.id, {{"last_name", edited}});
    QVERIFY2(changed.ok(), qPrintable(changed.error));
    QCOMPARE(store.load(Entity::Lead, made.id)->value("last_name").toString(), edited);
    // and the quick search finds it by that text, and only it
    QCOMPARE(lastNamesFound(edited), QStringList{edited});
    // and nothing else was touched
    QCOMPARE(count("leads"), 2);
    QCOMPARE(count("contacts"), 0);
    QCOMPARE(store.load(Entity::Lead, 1)->value("last_name").toString(), QString("Bystander"));
}

void TestHostileInput::aMegabyteIsKeptWhole()
{
    // A megabyte pasted into a description (an e-mail thread, a log) is kept to the last
    // character, and the record is still found by its name.
    QString big;
    big.reserve(1 << 20);
    while (big.size() < (1 << 20))
        big += QStringLiteral("Ünïcødé 'quoted' %_ line;\n");
    big.truncate(1 << 20);
    RecordStore store(Db);
    const WriteResult made = store.insert(
        Entity::Lead, {{"last_name", QStringLiteral("Longwinded")}, {"description", big}});
    QVERIFY2(made.ok(), qPrintable(made.error));
    QCOMPARE(store.load(Entity::Lead, made.id)->value("description").toString(), big);
    QCOMPARE(lastNamesFound(QStringLiteral("longwind")), QStringList{"Longwinded"});
}

void TestHostileInput::aNulIsDroppedAndTheRestKept()
{
    // A NUL pasted from a binary file or a broken export is never part of a name: it is
    // dropped, the text around it kept, on both engines alike (PostgreSQL's text cannot
    // hold one at all).
    RecordStore store(Db);
    const WriteResult made = store.insert(
        Entity::Lead, {{"last_name", QString::fromUtf8("Nul\0Byte", 8)}, {"company", QString::fromUtf8("\0", 1)}});
    QVERIFY2(made.ok(), qPrintable(made.error));
    const auto lead = store.load(Entity::Lead, made.id);
    QCOMPARE(lead->value("last_name").toString(), QString("NulByte"));
    QVERIFY(lead->value("company").toString().isEmpty());
    const WriteResult changed =
        store.update(Entity::Lead, made.id, {{"last_name", QString::fromUtf8("Nul\0Again", 9)}});
    QVERIFY2(changed.ok(), qPrintable(changed.error));
    QCOMPARE(store.load(Entity::Lead, made.id)->value("last_name").toString(),
             QString("NulAgain"));
    QCOMPARE(lastNamesFound(QString::fromUtf8("nul\0again", 9)), QStringList{"NulAgain"});
    // and a note with one is kept without it
    const WriteResult note =
        NoteStore(Db).add(Entity::Lead, made.id, QString::fromUtf8("Called\0 back", 13));
    QVERIFY2(note.ok(), qPrintable(note.error));
    QCOMPARE(NoteStore(Db).list(Entity::Lead, made.id).value(0).body, QString("Called back"));
}

void TestHostileInput::csvCellsAreImportedAsPlainText()
{
    QByteArray csv = "Last Name,Company,Description\r\n";
    QStringList expected;
    for (const Payload &p : payloads()) {
        QString cell = p.text;
        cell.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        csv += QStringLiteral("\"%1\",\"%1\",\"%1\"\r\n").arg(cell).toUtf8();
        expected << p.text;
    }
    ImportOptions options;
    options.entity = Entity::Lead;
    options.filePath = file(QStringLiteral("hostile.csv"), csv);
    const ImportResult result = Importer(Db).run(options);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.created, int(expected.size()));
    QStringList stored;
    QSqlQuery q(QSqlDatabase::database(Db));
    QVERIFY(q.exec(QStringLiteral("SELECT last_name, company, description FROM leads")));
    while (q.next()) {
        QCOMPARE(q.value(1).toString(), q.value(0).toString());
        QCOMPARE(q.value(2).toString(), q.value(0).toString());
        stored << q.value(0).toString();
    }
    stored.sort();
    expected.sort();
    QCOMPARE(stored, expected);
    QCOMPARE(count("leads"), int(expected.size()));
}

void TestHostileInput::calendarTextIsImportedAsPlainText()
{
    const QString summary = QStringLiteral("Call O'Brien'); DROP TABLE activities;-- 100%_ 👩‍💻");
    QString escaped = summary; // RFC 5545 TEXT escapes ; and , (and \)
    escaped.replace(QLatin1Char(';'), QStringLiteral("\\;"));
    const QByteArray ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//EN\r\n"
                           "BEGIN:VEVENT\r\nUID:hostile-1@example.com\r\n"
                           "DTSTAMP:20261201T090000Z\r\nDTSTART:20261208T100000Z\r\n"
                           "DTEND:20261208T110000Z\r\nSUMMARY:"
                           + escaped.toUtf8() + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    const IcsImport imported = ICalendarImport(Db).run(ics, QStringLiteral("Test User"));
    QVERIFY2(imported.ok(), qPrintable(imported.error));
    QCOMPARE(imported.created, 1);
    QSqlQuery q(QSqlDatabase::database(Db));
    QVERIFY(q.exec(QStringLiteral("SELECT subject FROM activities")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), summary);
    QVERIFY(!q.next());
    QCOMPARE(count("leads"), 0);
}

void TestHostileInput::databaseAddressesAreParsedNotRun()
{
    // A server address is parsed into its parts, never pasted into a connection string: a
    // database name or a password full of quotes and spaces is kept as it is.
    QString error;
    const auto location = ServerLocation::fromUrl(
        QUrl(QStringLiteral("postgresql://rep:p%27w%20d%3B@db.example.com:5433/"
                            "crm%27%3B%20DROP%20DATABASE%20x")),
        &error);
    QVERIFY2(location, qPrintable(error));
    QCOMPARE(location->database, QString("crm'; DROP DATABASE x"));
    QCOMPARE(location->port, 5433);
    // An address that is not one is refused with a reason, never half-read.
    for (const char *bad : {"postgresql://db.example.com:99999/crm", "postgresql://:5432/crm",
                            "postgresql://host/crm?sslmode=';DROP"}) {
        error.clear();
        const auto parsed = ServerLocation::fromUrl(QUrl(QString::fromLatin1(bad)), &error);
        if (parsed)
            error = parsed->check();
        QVERIFY2(!error.isEmpty(), bad);
    }
}

QTEST_GUILESS_MAIN(TestHostileInput)
#include "tst_hostileinput.moc"
