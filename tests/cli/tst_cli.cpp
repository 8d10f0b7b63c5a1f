// rapport-cli demo and count, run as a user runs them: the real binary, its exit codes and
// its JSON; its help, as a whole and per command; its language; demo --csv's file.
#include "csv/csvreader.h"
#include "csv/csvwriter.h"
#include "support/engines.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

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
    void commandHelpShowsThatCommandOnly_data();
    void commandHelpShowsThatCommandOnly();
    void germanMessagesAndHelp();
    void englishSingularAndPlural();
    void demoCsvWritesAFileAndNoDatabase();
    void demoCsvReimports_data();
    void demoCsvReimports();
    void postgresNoticesStayOffTheTerminal();
    void exportForExcelOrPlain_data();
    void exportForExcelOrPlain();

private:
    struct Run {
        int code;
        QString out;
        QString err;
    };
    // Runs rapport-cli in English (LC_ALL=C.UTF-8) unless `env` says otherwise.
    Run cli(const QStringList &args, const QMap<QString, QString> &env = {});
    static QList<QStringList> readCsv(const QString &path);
    QTemporaryDir m_dir;
};

TestCli::Run TestCli::cli(const QStringList &args, const QMap<QString, QString> &extra)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("XDG_DATA_HOME", m_dir.filePath("xdg")); // never the user's real database
    env.remove("LANGUAGE");
    env.remove("LC_MESSAGES");
    env.insert("LC_ALL", "C.UTF-8");
    for (auto it = extra.cbegin(); it != extra.cend(); ++it)
        env.insert(it.key(), it.value());
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
    const QString db = Engines::location(m_dir.filePath("demo.sqlite"));
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
    const QString db = Engines::location(m_dir.filePath("search.sqlite"));
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
    QTest::newRow("csv with contacts") << QStringList{"demo", "--csv", "x.csv", "--contacts", "3"};
    QTest::newRow("header without csv") << QStringList{"demo", "--header", "plain"};
    QTest::newRow("unknown header") << QStringList{"demo", "--csv", "x.csv", "--header", "xml"};
    QTest::newRow("word seed") << QStringList{"demo", "--seed", "lucky"};
    QTest::newRow("export for what") << QStringList{"export", "leads", "x.csv", "--for", "word"};
}

void TestCli::badUsage()
{
    QFETCH(QStringList, args);
    const QString location = Engines::location(m_dir.filePath("usage.sqlite"));
    const Run r = cli(QStringList{"--db", location} + args);
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

QList<QStringList> TestCli::readCsv(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    Rapport::CsvReader reader(&file, Rapport::CsvDialect::detect(&file));
    QList<QStringList> records;
    QStringList fields;
    while (reader.readRecord(fields))
        records << fields;
    return reader.hasError() ? QList<QStringList>{} : records;
}

void TestCli::commandHelpShowsThatCommandOnly_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QStringList>("own");    // options the help must show
    QTest::addColumn<QStringList>("others"); // options of other commands it must not
    QTest::newRow("import") << "import"
        << QStringList{"--on-duplicate", "--encoding", "--delimiter", "--date-order", "--dry-run",
                       "--unmapped-to-description", "--errors"}
        << QStringList{"--search", "--deal-name", "--bom", "--leads"};
    QTest::newRow("export") << "export"
        << QStringList{"--search", "--include-converted", "--for", "--no-formula-guard",
                       "--delimiter", "--bom"}
        << QStringList{"--on-duplicate", "--dry-run", "--account"};
    QTest::newRow("convert") << "convert"
        << QStringList{"--account", "--contact", "--no-account", "--no-deal", "--deal-name",
                       "--amount", "--stage", "--closing-date"}
        << QStringList{"--keep-edited", "--search", "--errors"};
    QTest::newRow("unconvert") << "unconvert" << QStringList{"--keep-edited", "--discard"}
                               << QStringList{"--account", "--no-deal"};
    QTest::newRow("count") << "count" << QStringList{"--search", "--include-converted"}
                           << QStringList{"--bom", "--leads"};
    QTest::newRow("demo") << "demo"
        << QStringList{"--leads", "--contacts", "--accounts", "--deals", "--seed", "--csv", "--header"}
        << QStringList{"--search", "--on-duplicate"};
    QTest::newRow("imports") << "imports" << QStringList{} << QStringList{"--search", "--errors"};
    QTest::newRow("undo-import") << "undo-import" << QStringList{} << QStringList{"--dry-run"};
}

void TestCli::commandHelpShowsThatCommandOnly()
{
    QFETCH(QString, command);
    QFETCH(QStringList, own);
    QFETCH(QStringList, others);
    // WHEN the user asks one command for help, as with git (after the command or before it)
    const QString location = Engines::location(m_dir.filePath("help.sqlite"));
    const Run r = cli({"--db", location, command, "--help"});
    QCOMPARE(r.code, 0);
    QVERIFY(r.err.isEmpty());
    // THEN it shows how to call that command and its own options, nothing else
    QVERIFY2(r.out.startsWith("Usage: rapport-cli " + command), qPrintable(r.out));
    for (const QString &option : own)
        QVERIFY2(r.out.contains(option + ' '), qPrintable(option + "\n" + r.out));
    for (const QString &option : others)
        QVERIFY2(!r.out.contains(option), qPrintable(option + "\n" + r.out));
    QVERIFY(!r.out.contains("Commands:"));
    QCOMPARE(cli({"--help", command, "--db", location}).out, r.out);
    QVERIFY(!QFile::exists(m_dir.filePath("help.sqlite")));
    // and the general help still lists every command, this one too
    const Run all = cli({"--help"});
    QCOMPARE(all.code, 0);
    QVERIFY(all.out.contains("Commands:"));
    QVERIFY(all.out.contains("\n  " + command + ' ') || all.out.contains("\n  " + command + '\n'));
    for (const QString &option : own + others)
        QVERIFY2(all.out.contains(option), qPrintable(option));
}

void TestCli::germanMessagesAndHelp()
{
    // Debian may not have generated de_DE.UTF-8: Qt takes the language from LC_ALL/LANG
    // all the same, so this runs the same with or without the locale.
    const QMap<QString, QString> german{{"LC_ALL", "de_DE.UTF-8"}, {"LANG", "de_DE.UTF-8"}};
    const QString location = Engines::location(m_dir.filePath("de.sqlite"));
    const Run unknown = cli({"--db", location, "count", "widgets"}, german);
    QCOMPARE(unknown.code, 2);
    QCOMPARE(unknown.err.trimmed(),
             QString("rapport-cli: unbekanntes Modul „widgets“: verwenden Sie leads, contacts, "
                     "accounts oder deals"));
    const Run help = cli({"import", "--help"}, german);
    QCOMPARE(help.code, 0);
    QVERIFY2(help.out.startsWith("Aufruf: rapport-cli import"), qPrintable(help.out));
    QVERIFY2(help.out.contains("bereits vorhandene Datensätze überspringen"), qPrintable(help.out));
    const Run all = cli({"--help"}, german);
    QVERIFY2(all.out.contains("Befehle:"), qPrintable(all.out));
    QVERIFY(all.out.contains("importiert eine CSV-Datei"));
    // Plural forms in German too
    const QString csv = m_dir.filePath("de.csv");
    QVERIFY2(cli({"demo", "--csv", csv, "--leads", "1"}, german).out.startsWith("1 Lead in "),
             "one lead");
    QVERIFY(cli({"demo", "--csv", csv, "--leads", "2"}, german).out.startsWith("2 Leads in "));
    // LANG alone is enough
    QVERIFY(cli({"--help"}, {{"LC_ALL", ""}, {"LANG", "de_DE.UTF-8"}}).out.contains("Befehle:"));
}

void TestCli::englishSingularAndPlural()
{
    const QString one = Engines::location(m_dir.filePath("one.sqlite"));
    const QString two = Engines::location(m_dir.filePath("two.sqlite"));
    const Run added1 = cli({"--db", one, "demo", "--leads", "1", "--contacts", "1", "--accounts", "1",
                            "--deals", "1", "--activities", "1"});
    QCOMPARE(added1.code, 0);
    QVERIFY2(added1.out.startsWith("Added 1 lead, 1 contact, 1 account, 1 deal and 1 activity in "),
             qPrintable(added1.out));
    const Run added2 = cli({"--db", two, "demo", "--leads", "2", "--contacts", "2", "--accounts", "2",
                            "--deals", "2", "--activities", "2"});
    QVERIFY2(added2.out.startsWith("Added 2 leads, 2 contacts, 2 accounts, 2 deals and 2 activities in "),
             qPrintable(added2.out));
    const QString file = m_dir.filePath("export.csv");
    QCOMPARE(cli({"--db", one, "export", "leads", file}).out.trimmed(),
             QString("Exported 1 lead to %1.").arg(file));
    QCOMPARE(cli({"--db", two, "export", "leads", file}).out.trimmed(),
             QString("Exported 2 leads to %1.").arg(file));
    QVERIFY(cli({"demo", "--csv", file, "--leads", "1"}).out.startsWith(
        QString("Wrote 1 lead to %1 in ").arg(file)));
    QVERIFY(cli({"demo", "--csv", file, "--leads", "2"}).out.startsWith(
        QString("Wrote 2 leads to %1 in ").arg(file)));
    for (const Run &r : {added1, added2})
        QVERIFY(!r.out.contains("(s)"));
}

void TestCli::demoCsvWritesAFileAndNoDatabase()
{
    // A file path on either engine: the point is that nothing is made there.
    const QString db = m_dir.filePath("untouched.sqlite");
    const QString path = m_dir.filePath("leads.csv");
    // WHEN the user asks for 300 leads as a CSV file
    const Run r = cli({"--db", db, "--json", "demo", "--csv", path, "--leads", "300"});
    QCOMPARE(r.code, 0);
    const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(o.value("leads").toInt(), 300);
    QCOMPARE(o.value("file").toString(), path);
    QCOMPARE(o.value("header").toString(), QString("zoho"));
    // THEN the file has a Zoho header and 300 rows, and no database was made or opened
    const QList<QStringList> records = readCsv(path);
    QCOMPARE(records.size(), 301);
    QCOMPARE(records.first(), (QStringList{"First Name", "Last Name", "Email", "Company", "Phone",
                                           "City", "Lead Source", "Lead Status", "Description"}));
    QVERIFY(!QFile::exists(db));
    const QString home = m_dir.filePath("xdg-csv");
    QCOMPARE(cli({"demo", "--csv", m_dir.filePath("default.csv")}, {{"XDG_DATA_HOME", home}}).code, 0);
    QCOMPARE(readCsv(m_dir.filePath("default.csv")).size(), 201); // 200 leads unless told
    QVERIFY(!QFile::exists(home + "/Rapport/rapport.sqlite"));
    // The same seed writes the same file; another seed another
    QFile first(path);
    QVERIFY(first.open(QIODevice::ReadOnly));
    const QByteArray bytes = first.readAll();
    first.close();
    const QString again = m_dir.filePath("again.csv"), other = m_dir.filePath("other.csv");
    QCOMPARE(cli({"demo", "--csv", again, "--leads", "300", "--seed", "42"}).code, 0);
    QCOMPARE(cli({"demo", "--csv", other, "--leads", "300", "--seed", "43"}).code, 0);
    QFile a(again), b(other);
    QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
    QCOMPARE(a.readAll(), bytes);
    QVERIFY(b.readAll() != bytes);
    // "-" writes the CSV, and only the CSV, to standard output
    const Run out = cli({"demo", "--csv", "-", "--leads", "2", "--header", "plain"});
    QCOMPARE(out.code, 0);
    QVERIFY2(out.out.startsWith("first_name,last_name,email,company,phone,city,lead_source,"
                                "lead_status,description\r\n"), qPrintable(out.out));
    QCOMPARE(out.out.count("\r\n"), 3);
    // A file that cannot be written is bad input, and nothing is left behind
    QCOMPARE(cli({"demo", "--csv", m_dir.filePath("no/such/dir/x.csv")}).code, 3);
}

void TestCli::demoCsvReimports_data()
{
    QTest::addColumn<QString>("header");
    QTest::newRow("zoho") << "zoho";
    QTest::newRow("plain") << "plain";
}

void TestCli::demoCsvReimports()
{
    QFETCH(QString, header);
    const QString path = m_dir.filePath(header + ".csv");
    QCOMPARE(cli({"demo", "--csv", path, "--leads", "120", "--header", header}).code, 0);
    const QString db = Engines::location(m_dir.filePath(header + "-import.sqlite"));
    const Run r = cli({"--db", db, "--json", "import", "leads", path});
    QCOMPARE(r.code, 0);
    const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(o.value("created").toInt(), 120);
    QCOMPARE(o.value("rejected").toInt(), 0);
    QCOMPARE(o.value("notes").toArray().size(), 0); // every column matched a field
    // The descriptions arrive as written: commas, quotes and all
    const Run exported = cli({"--db", db, "export", "leads", "-"});
    const QList<QStringList> written = readCsv(path);
    QVERIFY(exported.out.contains(Rapport::CsvWriter::quoted(written[1][8], ',')));
    QCOMPARE(cli({"--db", db, "count", "leads"}).out.trimmed(), QString("120"));
}

void TestCli::postgresNoticesStayOffTheTerminal()
{
    POSTGRESQL_ONLY("the server's NOTICEs");
    // GIVEN a database on the server without Rapport's schema
    const QString target = Engines::location(m_dir.filePath("notices.sqlite"),
                                             Engines::Schema::None);
    // WHEN rapport-cli creates Rapport's schema there, and opens it again
    QList<Run> runs;
    for (int run = 1; run <= 2; ++run)
        runs << cli({"--db", target, "count", "leads"});
    // THEN neither run printed the server's NOTICEs ("index … does not exist, skipping")
    for (const Run &r : runs) {
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.err, QString());
        QCOMPARE(r.out.trimmed(), QString("0"));
    }
}

void TestCli::exportForExcelOrPlain_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<bool>("bom");
    QTest::addColumn<bool>("guard");
    QTest::newRow("default") << QStringList{} << false << true;
    QTest::newRow("excel") << QStringList{"--for", "excel"} << true << true;
    QTest::newRow("plain") << QStringList{"--for", "plain"} << false << false;
    QTest::newRow("excel, unguarded") << QStringList{"--for", "excel", "--no-formula-guard"}
                                      << true << false;
    QTest::newRow("plain with a BOM") << QStringList{"--for", "plain", "--bom"} << true << false;
}

void TestCli::exportForExcelOrPlain()
{
    QFETCH(QStringList, options);
    QFETCH(bool, bom);
    QFETCH(bool, guard);
    // GIVEN a lead with an international phone number
    const QString db = Engines::location(
        m_dir.filePath(QStringLiteral("for-%1.sqlite").arg(QTest::currentDataTag())));
    QCOMPARE(cli({"--db", db, "add", "leads", "--set", "Last Name=Weber", "--set",
                  "Phone=+49 30 1234"}).code, 0);
    // WHEN it is exported for Excel or for another program
    const QString path = m_dir.filePath(QStringLiteral("for-%1.csv").arg(QTest::currentDataTag()));
    QCOMPARE(cli(QStringList{"--db", db, "export", "leads", path} + options).code, 0);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    // THEN Excel's file starts with a byte order mark and has the number guarded; the
    // plain one has the number as stored; the options that name either still decide
    QCOMPARE(bytes.startsWith("\xEF\xBB\xBF"), bom);
    QCOMPARE(bytes.contains(",'+49 30 1234"), guard);
    QCOMPARE(bytes.contains(",+49 30 1234"), !guard);
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
