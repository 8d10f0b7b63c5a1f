// Several rapport-cli processes on one database at the same moment, as a team works: two reps
// converting the same lead, two nightly imports, three clients opening a new server database.
// Each case runs its processes side by side and checks only what came out (exit codes, the
// loser's message, what the database holds), never how long anything took.
#include "support/cliruns.h"
#include "support/engines.h"

#include "storage/database.h"
#include "storage/recordstore.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

using namespace Rapport;

using CliRuns::details;
using CliRuns::Run;
using CliRuns::together;

class TestCliConcurrency : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameLeadConvertedTwiceAtOnce();
    void twoImportsAtOnce();
    void threeClientsOpenANewServerDatabase();
    void cleanup() { m_fresh.drop(); }

private:
    qint64 count(const QString &sql);
    QString csv(const QString &name, int rows);
    Engines::FreshDatabase m_fresh{QStringLiteral("concurrency")};
};

qint64 TestCliConcurrency::count(const QString &sql)
{
    QSqlQuery q(QSqlDatabase::database(QStringLiteral("race")));
    return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
}

QString TestCliConcurrency::csv(const QString &name, int rows)
{
    QByteArray text = "First Name,Last Name,Company,Email\n";
    for (int i = 0; i < rows; ++i)
        text += QStringLiteral("%1,Row%2,%1 Ltd,%1.%2@example.com\n").arg(name).arg(i).toUtf8();
    QFile f(m_fresh.path(name + QStringLiteral(".csv")));
    if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size())
        return {};
    return f.fileName();
}

void TestCliConcurrency::sameLeadConvertedTwiceAtOnce()
{
    QVERIFY(m_fresh.open("race"));
    RecordStore store(QStringLiteral("race"));
    // Several rounds: which one wins varies, the outcome must not.
    for (int round = 0; round < 5; ++round) {
        // GIVEN a lead, WHEN Alice and Bob convert it at the same moment
        // (a name and company of its own: the conversion makes new records, not matches)
        const WriteResult lead = store.insert(
            Entity::Lead, {{"last_name", QStringLiteral("Racer%1").arg(round)},
                           {"company", QStringLiteral("Race %1 Ltd").arg(round)}});
        QVERIFY2(lead.ok(), qPrintable(lead.error));
        const QStringList args{QStringLiteral("convert"), QString::number(lead.id)};
        const QList<Run> runs = together(m_fresh.location(),
                                         {{QStringLiteral("Alice"), args},
                                          {QStringLiteral("Bob"), args}});
        // THEN exactly one converts it and the other is refused, told by whom
        const QList<int> codes{runs[0].code, runs[1].code};
        QVERIFY2(codes == QList<int>({0, 4}) || codes == QList<int>({4, 0}),
                 qPrintable(details(runs)));
        const Run &loser = runs[0].code == 4 ? runs[0] : runs[1];
        const QByteArray winner = runs[0].code == 0 ? "Alice" : "Bob";
        QVERIFY2(loser.err.contains("already converted by " + winner + " at "), loser.err);
        QCOMPARE(loser.err.count('\n'), 1);
        QVERIFY2(!loser.err.contains("locked"), loser.err);
        QVERIFY(loser.out.isEmpty());
        // AND the lead became one account, one contact and one deal
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM conversions WHERE lead_id = %1")
                           .arg(lead.id)), 1);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM accounts")), round + 1);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM contacts")), round + 1);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM deals")), round + 1);
    }
}

void TestCliConcurrency::twoImportsAtOnce()
{
    QVERIFY(m_fresh.open("race"));
    for (int round = 0; round < 3; ++round) {
        // GIVEN two files of different leads, WHEN both are imported at the same moment
        const QString first = csv(QStringLiteral("north%1").arg(round), 300);
        const QString second = csv(QStringLiteral("south%1").arg(round), 200);
        QVERIFY(!first.isEmpty() && !second.isEmpty());
        const QList<Run> runs = together(
            m_fresh.location(),
            {{QStringLiteral("Alice"), {QStringLiteral("--json"), QStringLiteral("import"),
                                        QStringLiteral("leads"), first}},
             {QStringLiteral("Bob"), {QStringLiteral("--json"), QStringLiteral("import"),
                                      QStringLiteral("leads"), second}}});
        // THEN both succeed (the second waited for the first) and both files are in
        QVERIFY2(runs[0].code == 0 && runs[1].code == 0, qPrintable(details(runs)));
        QVERIFY2(runs[0].err.isEmpty() && runs[1].err.isEmpty(), qPrintable(details(runs)));
        const QJsonObject a = QJsonDocument::fromJson(runs[0].out).object();
        const QJsonObject b = QJsonDocument::fromJson(runs[1].out).object();
        QCOMPARE(a.value("created").toInt(), 300);
        QCOMPARE(b.value("created").toInt(), 200);
        QVERIFY(a.value("import").toInteger() != b.value("import").toInteger());
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM leads")), (round + 1) * 500);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM imports")), (round + 1) * 2);
    }
}

void TestCliConcurrency::threeClientsOpenANewServerDatabase()
{
    const QUrl server = Engines::serverUrl();
    if (server.isEmpty())
        QSKIP("RAPPORT_TEST_POSTGRESQL (a postgresql:// URL) is not set");
    for (int round = 0; round < 3; ++round) {
        // GIVEN a new, empty database on the server
        const QString name = QStringLiteral("rapport_schema_race_%1_%2")
                                 .arg(QCoreApplication::applicationPid()).arg(round);
        QVERIFY(Engines::admin(QStringLiteral("CREATE DATABASE ") + name));
        QUrl url = server;
        url.setPath(QLatin1Char('/') + name);
        const QStringList args{QStringLiteral("count"), QStringLiteral("leads")};
        // WHEN three clients open it at the same moment
        const QList<Run> runs = together(url.toString(), {{QStringLiteral("Alice"), args},
                                                          {QStringLiteral("Bob"), args},
                                                          {QStringLiteral("Carol"), args}});
        // THEN one made the schema, the others waited for it, and none printed a word on
        // stderr (neither an error nor the server's NOTICEs)
        for (const Run &r : runs) {
            QVERIFY2(r.code == 0 && r.err.isEmpty(), qPrintable(details(runs)));
            QCOMPARE(r.out.trimmed(), QByteArray("0"));
        }
        // AND the next open, of the ready schema, is as quiet
        const QList<Run> again = together(url.toString(), {{QStringLiteral("Dave"), args}});
        QVERIFY2(again[0].code == 0 && again[0].err.isEmpty(), qPrintable(details(again)));
        {
            QVERIFY(Database::open(url.toString(), QStringLiteral("check")).isEmpty());
            QSqlQuery q(QSqlDatabase::database(QStringLiteral("check")));
            // each client's user, once (the server's own login roles are users too)
            QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM users WHERE name IN "
                                          "('Alice', 'Bob', 'Carol', 'Dave')")) && q.next());
            QCOMPARE(q.value(0).toInt(), 4);
            QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) - COUNT(DISTINCT name_key) FROM users"))
                    && q.next());
            QCOMPARE(q.value(0).toInt(), 0);
        }
        Database::close(QStringLiteral("check"));
        QVERIFY(Engines::admin(QStringLiteral("DROP DATABASE ") + name));
    }
}

QTEST_GUILESS_MAIN(TestCliConcurrency)
#include "tst_cliconcurrency.moc"
