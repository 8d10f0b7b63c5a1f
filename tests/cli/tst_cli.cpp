// rapport-cli demo and count, run as a user runs them: the real binary, its exit codes and
// its JSON.
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void helpAndVersionNeedNoDatabase();
    void demoThenCount();
    void countSearchIsTextNotSql();
    void badUsage_data();
    void badUsage();
    void foreignDatabaseIsBadInput();

private:
    struct Run {
        int code;
        QString out;
        QString err;
    };
    Run cli(const QStringList &args);
    QTemporaryDir m_dir;
};

TestCli::Run TestCli::cli(const QStringList &args)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("XDG_DATA_HOME", m_dir.filePath("xdg")); // never the user's real database
    p.setProcessEnvironment(env);
    p.start(RAPPORT_CLI, args);
    if (!p.waitForFinished(120000))
        return {-1, {}, "timeout"};
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

void TestCli::helpAndVersionNeedNoDatabase()
{
    const Run help = cli({"--help"});
    QCOMPARE(help.code, 0);
    QVERIFY(help.out.contains("count MODULE"));
    QVERIFY(help.out.contains("demo"));
    const Run version = cli({"--version"});
    QCOMPARE(version.code, 0);
    QVERIFY(version.out.startsWith("rapport-cli "));
    QVERIFY(!QFile::exists(m_dir.filePath("xdg/Rapport/rapport.sqlite")));
}

void TestCli::demoThenCount()
{
    const QString db = m_dir.filePath("demo.sqlite");
    const Run demo = cli({"--db", db, "--json", "demo", "--leads", "250", "--accounts", "7"});
    QCOMPARE(demo.code, 0);
    QCOMPARE(QJsonDocument::fromJson(demo.out.toUtf8()).object().value("leads").toInt(), 250);
    const Run count = cli({"--db", db, "--json", "count", "leads"});
    QCOMPARE(count.code, 0);
    QCOMPARE(QJsonDocument::fromJson(count.out.toUtf8()).object().value("count").toInt(), 250);
    QCOMPARE(cli({"--db", db, "count", "accounts"}).out.trimmed(), QString("7"));
    QCOMPARE(cli({"--db", db, "count", "deals"}).out.trimmed(), QString("0"));
    // Without --db the default database is used (and created).
    QCOMPARE(cli({"demo", "--contacts", "3"}).code, 0);
    QCOMPARE(cli({"count", "contacts"}).out.trimmed(), QString("3"));
    QVERIFY(QFile::exists(m_dir.filePath("xdg/Rapport/rapport.sqlite")));
}

void TestCli::countSearchIsTextNotSql()
{
    const QString db = m_dir.filePath("search.sqlite");
    QCOMPARE(cli({"--db", db, "demo", "--leads", "3000"}).code, 0);
    const int all = cli({"--db", db, "count", "leads"}).out.trimmed().toInt();
    QCOMPARE(all, 3000);
    // Accents and case are ignored: the demo data has "Müller".
    const int muller = cli({"--db", db, "count", "leads", "--search", "MULLER"}).out.trimmed().toInt();
    QVERIFY(muller > 0 && muller < all);
    QCOMPARE(cli({"--db", db, "count", "leads", "--search", "müller"}).out.trimmed().toInt(), muller);
    for (const QString &hostile : {QString("' OR 1=1 --"), QString("%"), QString("_"),
                                   QString("\\"), QString("😀")}) {
        const Run r = cli({"--db", db, "count", "leads", "--search", hostile});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out.trimmed(), QString("0"));
    }
    // O'Brien is a demo surname: a quote inside the search text is just a character.
    // Several words: each must occur (first name and surname here), in any order.
    const int ada = cli({"--db", db, "count", "leads", "--search", "ada"}).out.trimmed().toInt();
    const int both = cli({"--db", db, "count", "leads", "--search", "muller ada"}).out.trimmed().toInt();
    QVERIFY(both > 0);
    QVERIFY(both < ada && both < muller);
    QCOMPARE(cli({"--db", db, "count", "leads", "--search", "  ada   müller "}).out.trimmed().toInt(), both);
    const int obrien = cli({"--db", db, "count", "leads", "--search", "o'brien"}).out.trimmed().toInt();
    QVERIFY(obrien > 0);
    QCOMPARE(cli({"--db", db, "count", "leads"}).out.trimmed().toInt(), 3000);
}

void TestCli::badUsage_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("no command") << QStringList{};
    QTest::newRow("unknown command") << QStringList{"frobnicate"};
    QTest::newRow("unknown module") << QStringList{"count", "widgets"};
    QTest::newRow("missing module") << QStringList{"count"};
    QTest::newRow("negative demo") << QStringList{"demo", "--leads", "-5"};
    QTest::newRow("word demo") << QStringList{"demo", "--leads", "many"};
    QTest::newRow("unknown option") << QStringList{"count", "leads", "--frob"};
}

void TestCli::badUsage()
{
    QFETCH(QStringList, args);
    const Run r = cli(QStringList{"--db", m_dir.filePath("usage.sqlite")} + args);
    QCOMPARE(r.code, 2);
    QVERIFY(!r.err.trimmed().isEmpty());
}

void TestCli::foreignDatabaseIsBadInput()
{
    const QString path = m_dir.filePath("notes.txt");
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("just some text\n");
    f.close();
    const Run r = cli({"--db", path, "count", "leads"});
    QCOMPARE(r.code, 3);
    QVERIFY2(r.err.contains("not a Rapport database"), qPrintable(r.err));
    QCOMPARE(r.err.trimmed().count('\n'), 0); // one clear line
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
