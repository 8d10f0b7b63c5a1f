// Values added to Rapport's picklists (storage/picklists.h): added once whatever the case,
// never to the lists Rapport's own logic reads, offered after the built-in ones; added by an
// import that asked for it, and taken off again when that import is undone unless a record
// still holds the value. On both engines (support/engines.h).
#include "records/recordtypes.h"
#include "storage/picklists.h"
#include "storage/recordstore.h"
#include "transfer/importer.h"
#include "transfer/importjournal.h"
#include "transfer/picklistscanner.h"
#include "support/engines.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

using namespace Rapport;

namespace {

const char *const Db = "picklists";

const FieldDef &field(Entity entity, const char *name)
{
    return *findField(entity, QLatin1String(name));
}

} // namespace

class TestPicklists : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup();
    void addedOnceAfterTheBuiltIns();
    void importAddsAndUndoTakesOff();
    void scannerCountsAddedValuesAsListed();

private:
    QString file(const QByteArray &bytes);
    QString leadValue(const QString &email, const QString &column);
    Engines::FreshDatabase m_fresh{QStringLiteral("picklists")};
    int m_serial = 0;
};

void TestPicklists::cleanup()
{
    QVERIFY(m_fresh.drop());
}

QString TestPicklists::file(const QByteArray &bytes)
{
    const QString path = m_fresh.path(QStringLiteral("file-%1.csv").arg(++m_serial));
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(bytes);
    return path;
}

QString TestPicklists::leadValue(const QString &email, const QString &column)
{
    QSqlQuery q(QSqlDatabase::database(Db));
    q.prepare(QStringLiteral("SELECT %1 FROM leads WHERE email = ?").arg(column));
    q.addBindValue(email);
    return q.exec() && q.next() ? q.value(0).toString() : QStringLiteral("<no such lead>");
}

void TestPicklists::addedOnceAfterTheBuiltIns()
{
    QVERIFY(m_fresh.open(Db));
    Picklists lists(Db);
    const FieldDef &source = field(Entity::Lead, "lead_source");
    const QStringList builtIn = picklistValues(source);
    QCOMPARE(lists.values(source), builtIn);
    // WHEN a value is added, THEN it follows the built-in ones, spelt as given
    QCOMPARE(lists.add(source, QStringLiteral(" Golf Club ")), QString());
    QCOMPARE(lists.values(source), builtIn + QStringList{"Golf Club"});
    // and it is on the list of every record type sharing the list, but no other list
    QVERIFY(lists.values(field(Entity::Deal, "lead_source")).contains("Golf Club"));
    QVERIFY(!lists.values(field(Entity::Lead, "rating")).contains("Golf Club"));
    // WHEN it, or a built-in value, is added again in another case, THEN nothing changes
    QCOMPARE(lists.add(source, QStringLiteral("GOLF CLUB")), QString());
    QCOMPARE(lists.add(source, builtIn.first().toUpper()), QString());
    QCOMPARE(lists.values(source), builtIn + QStringList{"Golf Club"});
    // WHEN a value is added to a deal's stages, THEN the board's columns stay Rapport's
    const FieldDef &stage = field(Entity::Deal, "stage");
    QVERIFY(!Picklists::extensible(stage));
    QCOMPARE(lists.add(stage, QStringLiteral("Verbal Yes")), QString());
    QCOMPARE(lists.values(stage), picklistValues(stage));
    // A built-in value cannot be taken off; an added one can
    QVERIFY(!lists.remove(source, builtIn.first()).isEmpty());
    QCOMPARE(lists.values(source), builtIn + QStringList{"Golf Club"});
    QCOMPARE(lists.remove(source, QStringLiteral("Golf Club")), QString());
    QCOMPARE(lists.values(source), builtIn);
    QVERIFY(lists.added().isEmpty());
}

void TestPicklists::importAddsAndUndoTakesOff()
{
    QVERIFY(m_fresh.open(Db));
    // GIVEN leads whose sources are not on the list, and the user's "add to the list" for two
    ImportOptions o;
    o.entity = Entity::Lead;
    o.filePath = file("Last Name,Email,Lead Source\r\n"
                      "Alpha,a@x.example,Golf Club\r\n"
                      "Beta,b@x.example,golf club\r\n"
                      "Gamma,c@x.example,Webinar Series\r\n"
                      "Delta,d@x.example,Bus Stop\r\n");
    o.valueMap["lead_source"] = {{PicklistScanner::fold("Golf Club"), "Golf Club"},
                                 {PicklistScanner::fold("Webinar Series"), "Webinar Series"},
                                 {PicklistScanner::fold("Bus Stop"), "Bus Stop"}};
    o.addToList["lead_source"] = QStringList{"Golf Club", "Webinar Series"};
    // WHEN it is imported
    const ImportResult r = Importer(Db).run(o);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.created, 4);
    // THEN the two are on the list, said in the notes, and both spellings of one are one value
    const FieldDef &source = field(Entity::Lead, "lead_source");
    Picklists lists(Db);
    QCOMPARE(lists.added(source), (QStringList{"Golf Club", "Webinar Series"}));
    const QString notes = r.notes.join('\n');
    QVERIFY2(notes.contains("Lead Source: 2 value(s) added to the list (such as “Golf Club”)"),
             qPrintable(notes));
    QCOMPARE(leadValue("b@x.example", "lead_source"), QString("Golf Club"));
    // the one kept on its rows only is stored there, not listed
    QCOMPARE(leadValue("d@x.example", "lead_source"), QString("Bus Stop"));
    QVERIFY(!lists.values(source).contains("Bus Stop"));

    // WHEN a later file has an added value in another case, THEN it is taken as listed
    ImportOptions again;
    again.entity = Entity::Lead;
    again.filePath = file("Last Name,Email,Lead Source\r\nEpsilon,e@x.example,WEBINAR SERIES\r\n");
    const ImportResult second = Importer(Db).run(again);
    QVERIFY2(second.ok(), qPrintable(second.error));
    QVERIFY2(!second.notes.join('\n').contains("not in the list"),
             qPrintable(second.notes.join('\n')));
    QCOMPARE(leadValue("e@x.example", "lead_source"), QString("Webinar Series"));

    // WHEN the first import is undone, THEN what it added and no record holds is taken off;
    // "Webinar Series" stays, the later import's lead holds it
    QCOMPARE(ImportJournal(Db).undo(r.importId), ImportJournal::UndoResult::Done);
    QCOMPARE(leadValue("a@x.example", "lead_source"), QString("<no such lead>"));
    QCOMPARE(lists.added(source), QStringList{"Webinar Series"});
}

void TestPicklists::scannerCountsAddedValuesAsListed()
{
    QVERIFY(m_fresh.open(Db));
    const FieldDef &source = field(Entity::Lead, "lead_source");
    QCOMPARE(Picklists(Db).add(source, QStringLiteral("Golf Club")), QString());
    // GIVEN a file with an added value and one that is on no list
    const QString path = file("Last Name,Lead Source\r\nA,golf club\r\nB,Bus Stop\r\n");
    ImportOptions o;
    o.entity = Entity::Lead;
    o.filePath = path;
    o.mapping = QStringList{QStringLiteral("last_name"), QStringLiteral("lead_source")};
    // WHEN the values page's scan reads it with the database's added values
    const PicklistScan scan = PicklistScanner::scanFile(o, Picklists(Db).added());
    QVERIFY2(scan.error.isEmpty(), qPrintable(scan.error));
    // THEN only the one on no list is asked about
    QCOMPARE(scan.values.size(), 1);
    QCOMPARE(scan.values.first().value, QString("Bus Stop"));
    // and an added value can be suggested for another spelling of it
    QCOMPARE(PicklistScanner::suggest(source, QStringLiteral("Golf-Club"),
                                      Picklists(Db).added(source)),
             QString("Golf Club"));
}

QTEST_GUILESS_MAIN(TestPicklists)
#include "tst_picklists.moc"
