// A team of three on one database — a shared SQLite file, or a PostgreSQL server — working a
// day's script through rapport-cli, as three reps' clients would: morning imports at the same
// moment, conversions (one lead taken by two reps at once), two reps editing one contact from
// the same version, everyone raising one deal's amount, deals moved on the board side by side.
// No edit may be lost: each refused save is told (exit 4), and a save made again after
// reading the record afresh lands. Only outcomes are checked, never timings.
#include "support/cliruns.h"
#include "support/engines.h"

#include <QFile>
#include <QJsonArray>
#include <QSet>
#include <QTest>

using CliRuns::details;
using CliRuns::Run;
using CliRuns::run;
using CliRuns::together;

namespace {

const QString Alice = QStringLiteral("Alice Archer");
const QString Bob = QStringLiteral("Bob Baker");
const QString Carol = QStringLiteral("Carol Cooper");

QString id(qint64 value)
{
    return QString::number(value);
}

} // namespace

class TestTeamDay : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { m_fresh.drop(); }
    void aTeamWorksADayWithoutLosingAnEdit();
    void twoRepsUndoTheSameThingAtOnce();

private:
    QString csv(const QString &name, int rows);
    QList<qint64> leadIds(const QString &search);
    QJsonObject fields(const QString &module, qint64 record, qint64 *version = nullptr);
    void everyoneRaisesTheAmount(qint64 deal);
    Engines::FreshDatabase m_fresh{QStringLiteral("teamday")};
    QString m_db;
};

QString TestTeamDay::csv(const QString &name, int rows)
{
    QByteArray text = "First Name,Last Name,Company,Email\n";
    for (int i = 0; i < rows; ++i)
        text += QStringLiteral("%1,Row%2,%1 Works %2,%1.%2@example.com\n").arg(name).arg(i).toUtf8();
    QFile f(m_fresh.path(name + QStringLiteral(".csv")));
    if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size())
        return {};
    return f.fileName();
}

QList<qint64> TestTeamDay::leadIds(const QString &search)
{
    const Run listed = run(m_db, Carol, {"--json", "list", "leads", "--search", search,
                                         "--limit", "1000"});
    QList<qint64> ids;
    for (const QJsonValue &row : listed.json().value("rows").toArray())
        ids << row.toObject().value("id").toInteger();
    return ids;
}

QJsonObject TestTeamDay::fields(const QString &module, qint64 record, qint64 *version)
{
    const Run got = run(m_db, Carol, {"--json", "get", module, id(record)});
    if (version)
        *version = got.json().value("version").toInteger();
    return got.json().value("fields").toObject();
}

void TestTeamDay::aTeamWorksADayWithoutLosingAnEdit()
{
    QVERIFY(m_fresh.open("team"));
    m_db = m_fresh.location();

    // Morning: Alice and Bob import their lists at the same moment; both land whole.
    const QString north = csv(QStringLiteral("North"), 40);
    const QString south = csv(QStringLiteral("South"), 30);
    QVERIFY(!north.isEmpty() && !south.isEmpty());
    const QList<Run> imports = together(m_db, {{Alice, {"--json", "import", "leads", north}},
                                               {Bob, {"--json", "import", "leads", south}}});
    QVERIFY2(imports[0].code == 0 && imports[1].code == 0, qPrintable(details(imports)));
    QCOMPARE(imports[0].json().value("created").toInt(), 40);
    QCOMPARE(imports[1].json().value("created").toInt(), 30);
    // Carol sees both lists as her Leads tab shows them
    QCOMPARE(run(m_db, Carol, {"--json", "list", "leads", "--limit", "5"})
                 .json().value("total").toInt(), 70);
    const QList<qint64> northLeads = leadIds(QStringLiteral("North"));
    const QList<qint64> southLeads = leadIds(QStringLiteral("South"));
    QCOMPARE(northLeads.size(), 40);
    QCOMPARE(southLeads.size(), 30);

    // Alice converts a North lead while Bob, at the same moment, converts the same one, and
    // Carol converts a South lead: Carol's lands, and exactly one of Alice and Bob wins.
    const QList<Run> conversions =
        together(m_db, {{Alice, {"--json", "convert", id(northLeads[0])}},
                        {Bob, {"--json", "convert", id(northLeads[0])}},
                        {Carol, {"--json", "convert", id(southLeads[0])}}});
    QVERIFY2(conversions[2].code == 0, qPrintable(details(conversions)));
    const QList<int> pair{conversions[0].code, conversions[1].code};
    QVERIFY2(pair == QList<int>({0, 4}) || pair == QList<int>({4, 0}),
             qPrintable(details(conversions)));
    const bool aliceWon = conversions[0].code == 0;
    const Run &lost = aliceWon ? conversions[1] : conversions[0];
    QVERIFY2(lost.err.contains(("already converted by " + (aliceWon ? Alice : Bob)).toUtf8()),
             lost.err);
    const QJsonObject won = (aliceWon ? conversions[0] : conversions[1]).json();
    const qint64 contact = won.value("contact").toInteger();
    const qint64 northDeal = won.value("deal").toInteger();
    const qint64 southDeal = conversions[2].json().value("deal").toInteger();
    QVERIFY(contact > 0 && northDeal > 0 && southDeal > 0);

    // Alice and Bob edit that contact at the same moment, from the same version: one save
    // lands, the other is refused and told; read afresh and saved again, it lands too.
    qint64 version = 0;
    fields(QStringLiteral("contacts"), contact, &version);
    QVERIFY(version > 0);
    const QStringList ifVersion{"--if-version", id(version)};
    const QList<Run> edits = together(
        m_db, {{Alice, QStringList{"update", "contacts", id(contact), "--set", "Phone=+49 30 1234"}
                           + ifVersion},
               {Bob, QStringList{"update", "contacts", id(contact), "--set", "Title=Head Buyer"}
                         + ifVersion}});
    const QList<int> editCodes{edits[0].code, edits[1].code};
    QVERIFY2(editCodes == QList<int>({0, 4}) || editCodes == QList<int>({4, 0}),
             qPrintable(details(edits)));
    const bool aliceSaved = edits[0].code == 0;
    fields(QStringLiteral("contacts"), contact, &version);
    const Run again = run(m_db, aliceSaved ? Bob : Alice,
                          {"update", "contacts", id(contact), "--set",
                           aliceSaved ? "Title=Head Buyer" : "Phone=+49 30 1234",
                           "--if-version", id(version)});
    QVERIFY2(again.code == 0, again.err);
    const QJsonObject edited = fields(QStringLiteral("contacts"), contact);
    QCOMPARE(edited.value("Phone").toString(), QString("+49 30 1234"));
    QCOMPARE(edited.value("Title").toString(), QString("Head Buyer"));

    everyoneRaisesTheAmount(northDeal);
    if (QTest::currentTestFailed())
        return;

    // Afternoon: Bob and Carol move the two deals on the board at the same moment.
    const QList<Run> moves =
        together(m_db, {{Bob, {"update", "deals", id(northDeal), "--set", "Stage=Proposal"}},
                        {Carol, {"update", "deals", id(southDeal), "--set", "Stage=Negotiation"}}});
    QVERIFY2(moves[0].code == 0 && moves[1].code == 0, qPrintable(details(moves)));
    QHash<QString, int> board;
    int cards = 0;
    for (const QJsonValue &stage :
         run(m_db, Alice, {"--json", "board", "--owner", "all"}).json().value("stages").toArray()) {
        board.insert(stage.toObject().value("stage").toString(),
                     stage.toObject().value("count").toInt());
        cards += stage.toObject().value("count").toInt();
    }
    QCOMPARE(board.value("Proposal"), 1);
    QCOMPARE(board.value("Negotiation"), 1);
    QCOMPARE(cards, 2);

    // The deal's timeline says who did what: the three raises and Bob's move.
    QSet<QString> whoRaised;
    bool bobMoved = false;
    const Run timeline = run(m_db, Alice, {"--json", "timeline", "deals", id(northDeal),
                                           "--limit", "100"});
    for (const QJsonValue &v : timeline.json().value("entries").toArray()) {
        const QJsonObject entry = v.toObject();
        if (entry.value("field").toString() == QLatin1String("Amount"))
            whoRaised << entry.value("who").toString();
        if (entry.value("field").toString() == QLatin1String("Stage")
            && entry.value("new").toString() == QLatin1String("Proposal"))
            bobMoved = entry.value("who").toString() == Bob;
    }
    QCOMPARE(whoRaised, QSet<QString>({Alice, Bob, Carol}));
    QVERIFY(bobMoved);
}

// Each rep raises the deal's amount by one, three times, reading it and saving with the
// version read. In each round every rep still raising reads the same version and saves at the
// same moment: exactly one save lands, the others are refused (exit 4) and try the next
// round. At the end the amount is up by exactly nine: no raise was lost, none counted twice.
void TestTeamDay::everyoneRaisesTheAmount(qint64 deal)
{
    qint64 version = 0;
    const double start = fields(QStringLiteral("deals"), deal).value("Amount").toDouble();
    QHash<QString, int> raises{{Alice, 3}, {Bob, 3}, {Carol, 3}};
    for (int round = 0; round < 9; ++round) {
        const double amount = fields(QStringLiteral("deals"), deal, &version)
                                  .value("Amount").toDouble();
        QList<QPair<QString, QStringList>> saves;
        for (const QString &rep : {Alice, Bob, Carol}) {
            if (raises.value(rep) > 0)
                saves.append({rep, {"update", "deals", id(deal), "--set",
                                    QStringLiteral("Amount=%1").arg(amount + 1),
                                    "--if-version", id(version)}});
        }
        const QList<Run> runs = together(m_db, saves);
        int landed = 0;
        for (qsizetype i = 0; i < runs.size(); ++i) {
            QVERIFY2(runs[i].code == 0 || runs[i].code == 4, qPrintable(details(runs)));
            if (runs[i].code == 0) {
                ++landed;
                raises[saves[i].first] -= 1;
            }
        }
        QVERIFY2(landed == 1, qPrintable(details(runs)));
    }
    QCOMPARE(fields(QStringLiteral("deals"), deal).value("Amount").toDouble(), start + 9);
}

// Two reps undoing the same import, or the same conversion, at the same moment: one undo
// is done, the other is told it already was, and nothing is undone twice.
void TestTeamDay::twoRepsUndoTheSameThingAtOnce()
{
    QVERIFY(m_fresh.open("team"));
    m_db = m_fresh.location();
    const QString kept = csv(QStringLiteral("Kept"), 12);
    const QString evening = csv(QStringLiteral("Evening"), 20);
    QCOMPARE(run(m_db, Carol, {"import", "leads", kept}).code, 0);
    const Run imported = run(m_db, Carol, {"--json", "import", "leads", evening});
    QVERIFY2(imported.code == 0, imported.err);
    const QString importId = id(imported.json().value("import").toInteger());
    const QList<Run> undos = together(m_db, {{Alice, {"undo-import", importId}},
                                             {Bob, {"undo-import", importId}}});
    const QList<int> codes{undos[0].code, undos[1].code};
    QVERIFY2(codes == QList<int>({0, 4}) || codes == QList<int>({4, 0}), qPrintable(details(undos)));
    QVERIFY2((undos[0].code == 4 ? undos[0] : undos[1]).err.contains("already undone"),
             qPrintable(details(undos)));
    QCOMPARE(run(m_db, Carol, {"--json", "count", "leads"}).json().value("count").toInt(), 12);

    // The same for a conversion: one undo, and the lead is a lead again, once
    const qint64 lead = leadIds(QStringLiteral("Kept")).value(0);
    QVERIFY(lead > 0);
    QCOMPARE(run(m_db, Carol, {"convert", id(lead)}).code, 0);
    const QList<Run> unconverts = together(m_db, {{Alice, {"unconvert", id(lead)}},
                                                  {Bob, {"unconvert", id(lead)}}});
    const QList<int> again{unconverts[0].code, unconverts[1].code};
    QVERIFY2(again == QList<int>({0, 4}) || again == QList<int>({4, 0}),
             qPrintable(details(unconverts)));
    QCOMPARE(run(m_db, Carol, {"--json", "count", "leads"}).json().value("count").toInt(), 12);
    for (const char *module : {"contacts", "accounts", "deals"})
        QCOMPARE(run(m_db, Carol, {"--json", "count", module}).json().value("count").toInt(), 0);
}

QTEST_GUILESS_MAIN(TestTeamDay)
#include "tst_teamday.moc"
