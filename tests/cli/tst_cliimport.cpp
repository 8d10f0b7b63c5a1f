// rapport-cli import/export/imports/undo-import, run as a real process: exit codes, one
// stderr line per failure, and the JSON keys of cli.md.
#include "support/engines.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestCliImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void importListUndo();
    void exportToStdoutAndRoundTrip();
    void failures_data();
    void failures();
    void dryRunAndErrorsFile();

private:
    struct Run { int code; QByteArray out; QByteArray err; };
    Run cli(const QStringList &args);
    QString write(const QString &name, const QByteArray &bytes);
    QTemporaryDir m_dir;
    QString m_db;
    int m_n = 0;
};

void TestCliImport::init()
{
    m_db = Engines::location(m_dir.filePath(QStringLiteral("cli%1.sqlite").arg(++m_n)));
}

TestCliImport::Run TestCliImport::cli(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(RAPPORT_CLI), QStringList{"--db", m_db} + args);
    if (!p.waitForFinished(120000))
        return {-1, {}, "timeout"};
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

QString TestCliImport::write(const QString &name, const QByteArray &bytes)
{
    QFile f(m_dir.filePath(name));
    f.open(QIODevice::WriteOnly);
    f.write(bytes);
    return f.fileName();
}

void TestCliImport::importListUndo()
{
    const QString csv = write("leads.csv", "First Name,Last Name,Email\nAda,Lovelace,ada@x.example\n"
                                           "Bad,,bad@x.example\nGrace,Hopper,grace@x.example\n");
    // WHEN a file is imported with --json
    Run r = cli({"--json", "import", "leads", csv});
    QCOMPARE(r.code, 0);
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(o.value("import").toInt(), 1);
    QCOMPARE(o.value("created").toInt(), 2);
    QCOMPARE(o.value("updated").toInt(), 0);
    QCOMPARE(o.value("skipped").toInt(), 0);
    QCOMPARE(o.value("rejected").toInt(), 1);
    QCOMPARE(o.value("errors").toArray().first().toObject().value("line").toInt(), 3);
    QVERIFY(o.value("errors").toArray().first().toObject().value("message").toString().contains("Last Name"));
    // THEN `imports` lists it with the documented keys
    r = cli({"--json", "imports"});
    QCOMPARE(r.code, 0);
    const QJsonObject entry = QJsonDocument::fromJson(r.out).object().value("imports").toArray().first().toObject();
    for (const char *key : {"id", "module", "file", "time", "created", "updated", "undone"})
        QVERIFY2(entry.contains(key), key);
    QCOMPARE(entry.value("module").toString(), QString("leads"));
    QCOMPARE(entry.value("file").toString(), QString("leads.csv"));
    QVERIFY(entry.value("time").toString().endsWith('Z'));
    QCOMPARE(entry.value("undone").toBool(), false);
    // AND undo-import removes what it created, once
    r = cli({"undo-import", "1"});
    QCOMPARE(r.code, 0);
    QCOMPARE(cli({"count", "leads"}).out.trimmed(), QByteArray("0"));
    r = cli({"undo-import", "1"});
    QCOMPARE(r.code, 4);
    QCOMPARE(r.err.count('\n'), 1);
    QCOMPARE(cli({"undo-import", "77"}).code, 3);
    QCOMPARE(cli({"undo-import", "x"}).code, 2);
    QVERIFY(QJsonDocument::fromJson(cli({"--json", "imports"}).out).object()
                .value("imports").toArray().first().toObject().value("undone").toBool());
}

void TestCliImport::exportToStdoutAndRoundTrip()
{
    QCOMPARE(cli({"demo", "--leads", "300", "--contacts", "50", "--accounts", "20", "--deals", "20"}).code, 0);
    for (const char *module : {"leads", "contacts", "accounts", "deals"}) {
        const Run first = cli({"export", module, "-"});
        QCOMPARE(first.code, 0);
        QVERIFY(first.out.startsWith("Record Id,"));
        const QString path = write(QStringLiteral("%1.csv").arg(module), first.out);
        const Run imported = cli({"--json", "import", module, path, "--on-duplicate", "update"});
        QCOMPARE(imported.code, 0);
        QCOMPARE(QJsonDocument::fromJson(imported.out).object().value("created").toInt(), 0);
        // Unchanged, to the byte: names, ids and empty opt-outs came back as they were.
        QCOMPARE(cli({"export", module, "-"}).out, first.out);
    }
    const Run plain = cli({"export", "leads", m_dir.filePath("plain.csv"), "--no-formula-guard",
                           "--search", "a", "--json"});
    QCOMPARE(plain.code, 0);
    QVERIFY(QJsonDocument::fromJson(plain.out).object().value("exported").toInt() > 0);
    QVERIFY(!QFile(m_dir.filePath("plain.csv")).readAll().contains(",'+"));
}

void TestCliImport::failures_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("code");
    const QString ragged = write("ragged.csv", "Last Name,Email\nA,a@x.example,3\n");
    const QString header = write("header.csv", "Last Name,Email\n");
    const QString bin = write("bin.csv", QByteArray("\x7F" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0", 16));
    const QString invalid = write("invalid.csv", "Last Name\nM\xFCller\n");
    QTest::newRow("unknown module") << QStringList{"import", "people", ragged} << 2;
    QTest::newRow("bad policy") << QStringList{"import", "leads", ragged, "--on-duplicate", "merge"} << 2;
    QTest::newRow("bad delimiter") << QStringList{"import", "leads", ragged, "--delimiter", "::"} << 2;
    QTest::newRow("bad encoding") << QStringList{"import", "leads", ragged, "--encoding", "klingon"} << 2;
    QTest::newRow("missing file") << QStringList{"import", "leads", m_dir.filePath("none.csv")} << 3;
    QTest::newRow("ragged") << QStringList{"import", "leads", ragged} << 3;
    QTest::newRow("header only") << QStringList{"import", "leads", header} << 3;
    QTest::newRow("binary") << QStringList{"import", "leads", bin} << 3;
    QTest::newRow("invalid UTF-8 forced") << QStringList{"import", "leads", invalid, "--encoding", "utf-8"} << 3;
    QTest::newRow("export usage") << QStringList{"export", "leads"} << 2;
}

void TestCliImport::failures()
{
    QFETCH(QStringList, args);
    QFETCH(int, code);
    const Run r = cli(args);
    QCOMPARE(r.code, code);
    QCOMPARE(r.err.count('\n'), 1); // one clear line
    QVERIFY(r.err.startsWith("rapport-cli: "));
    QCOMPARE(cli({"count", "leads"}).out.trimmed(), QByteArray("0"));
}

void TestCliImport::dryRunAndErrorsFile()
{
    const QString csv = write("cp1252.csv", "Last Name;Email;Phone\r\nM\xFCller;m@x.example;'+49 30 1\r\n"
                                            "Bad;nope;\r\n");
    Run r = cli({"--json", "import", "leads", csv, "--dry-run", "--errors", m_dir.filePath("rej.csv")});
    QCOMPARE(r.code, 0);
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    QVERIFY(o.value("import").isNull());
    QCOMPARE(o.value("created").toInt(), 1);
    QCOMPARE(cli({"count", "leads"}).out.trimmed(), QByteArray("0"));
    QFile rej(m_dir.filePath("rej.csv"));
    QVERIFY(rej.open(QIODevice::ReadOnly));
    QCOMPARE(rej.readAll(), QByteArray("Last Name;Email;Phone;Line;Problem\r\nBad;nope;;3;"
                                       "Email: \xE2\x80\x9Cnope\xE2\x80\x9D is not a valid email address.\r\n"));
    r = cli({"import", "leads", csv, "--encoding", "windows-1252", "--delimiter", ";"});
    QCOMPARE(r.code, 0);
    QVERIFY(cli({"export", "leads", "-"}).out.contains(",Müller,"));
}

QTEST_GUILESS_MAIN(TestCliImport)
#include "tst_cliimport.moc"
