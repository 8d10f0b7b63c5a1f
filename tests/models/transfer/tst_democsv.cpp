// The project's own CSV file of generated leads (rapport-cli demo --csv): the header a Zoho
// export has, the rows asked for, values with accents, apostrophes, quotes and commas that
// the CSV reader reads back as written, and the same file for the same seed.
#include "csv/csvreader.h"
#include "transfer/democsv.h"

#include <QBuffer>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace Rapport;

class TestDemoCsv : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void zohoHeaderAndRowCount();
    void plainHeader();
    void valuesReadBackAsRealisticLeads();
    void sameSeedSameFile();
    void noLeadsIsJustTheHeader();
    void writeErrorIsReported();

private:
    static QByteArray generate(qint64 leads, DemoCsvHeader header = DemoCsvHeader::Zoho,
                               quint32 seed = 42);
    static QList<QStringList> parse(const QByteArray &bytes);
};

QByteArray TestDemoCsv::generate(qint64 leads, DemoCsvHeader header, quint32 seed)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    if (const QString error = writeDemoLeadsCsv(&buffer, leads, header, seed); !error.isEmpty())
        qWarning("%s", qPrintable(error));
    return buffer.data();
}

QList<QStringList> TestDemoCsv::parse(const QByteArray &bytes)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    CsvReader reader(&buffer, CsvDialect::detect(&buffer));
    QList<QStringList> records;
    QStringList fields;
    while (reader.readRecord(fields))
        records << fields;
    if (reader.hasError())
        qWarning("%s", qPrintable(reader.errorString()));
    return records;
}

void TestDemoCsv::zohoHeaderAndRowCount()
{
    const QList<QStringList> records = parse(generate(250));
    QCOMPARE(records.size(), 251);
    QCOMPARE(records.first(), (QStringList{"First Name", "Last Name", "Email", "Company", "Phone",
                                           "City", "Lead Source", "Lead Status", "Description"}));
    for (const QStringList &r : records)
        QCOMPARE(r.size(), 9);
}

void TestDemoCsv::plainHeader()
{
    const QList<QStringList> records = parse(generate(3, DemoCsvHeader::Plain));
    QCOMPARE(records.size(), 4);
    QCOMPARE(records.first(), (QStringList{"first_name", "last_name", "email", "company", "phone",
                                           "city", "lead_source", "lead_status", "description"}));
}

void TestDemoCsv::valuesReadBackAsRealisticLeads()
{
    const QList<QStringList> records = parse(generate(500));
    QSet<QString> emails;
    bool accent = false, apostrophe = false;
    for (qsizetype i = 1; i < records.size(); ++i) {
        const QStringList &r = records[i];
        QVERIFY2(!r[1].isEmpty() && r[2].contains('@'), qPrintable(r.join('|')));
        emails.insert(r[2]);
        // Every description has a comma and a quotation inside: the writer had to quote it.
        QVERIFY2(r[8].contains(',') && r[8].count('"') == 2, qPrintable(r[8]));
        accent = accent || r[0].contains(QRegularExpression("[^\\x00-\\x7f]"))
                 || r[1].contains(QRegularExpression("[^\\x00-\\x7f]"));
        apostrophe = apostrophe || r[1].contains('\'');
    }
    QCOMPARE(emails.size(), 500); // each lead its own email address: no duplicates on import
    QVERIFY(accent);
    QVERIFY(apostrophe);
}

void TestDemoCsv::sameSeedSameFile()
{
    QCOMPARE(generate(100, DemoCsvHeader::Zoho, 7), generate(100, DemoCsvHeader::Zoho, 7));
    QVERIFY(generate(100, DemoCsvHeader::Zoho, 7) != generate(100, DemoCsvHeader::Zoho, 8));
    // A longer file starts with the shorter one: row n does not depend on the count.
    QVERIFY(generate(200).startsWith(generate(100)));
}

void TestDemoCsv::noLeadsIsJustTheHeader()
{
    QCOMPARE(parse(generate(0)).size(), 1);
}

void TestDemoCsv::writeErrorIsReported()
{
    QBuffer readOnly;
    readOnly.open(QIODevice::ReadOnly);
    QTest::ignoreMessage(QtWarningMsg, "QIODevice::write (QBuffer): ReadOnly device");
    QVERIFY(!writeDemoLeadsCsv(&readOnly, 10, DemoCsvHeader::Zoho, 42).isEmpty());
}

QTEST_GUILESS_MAIN(TestDemoCsv)
#include "tst_democsv.moc"
