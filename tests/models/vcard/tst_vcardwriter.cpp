// The vCard writer: contacts as vCard 3.0 cards that Google, Apple and Outlook read, and
// that Rapport's own reader reads back to the same values.
#include "vcard/vcardreader.h"
#include "vcard/vcardwriter.h"

#include <QBuffer>
#include <QStringDecoder>
#include <QTest>

using namespace Rapport;

namespace {

// Field name -> the column the reader gives it.
const QList<QPair<const char *, const char *>> Columns = {
    {"salutation", "Salutation"}, {"first_name", "First Name"}, {"last_name", "Last Name"},
    {"account_name", "Account Name"}, {"department", "Department"}, {"title", "Title"},
    {"email", "Email"}, {"secondary_email", "Secondary Email"}, {"phone", "Phone"},
    {"mobile", "Mobile"}, {"fax", "Fax"}, {"website", "Website"},
    {"mailing_street", "Mailing Street"}, {"mailing_city", "Mailing City"},
    {"mailing_state", "Mailing State"}, {"mailing_zip", "Mailing Zip"},
    {"mailing_country", "Mailing Country"}, {"description", "Description"}};

QByteArray written(const QList<QVariantMap> &contacts)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    VCardWriter writer(&buffer);
    for (const QVariantMap &contact : contacts) {
        if (!writer.writeCard(contact))
            qFatal("write failed");
    }
    return buffer.data();
}

QVariantMap fullContact()
{
    return {{"id", 42}, {"salutation", "Dr."}, {"first_name", "Émilie"},
            {"last_name", "Dubois"}, {"account_name", "Atelier Lumière SARL"},
            {"department", "Recherche"}, {"title", "Directrice"},
            {"email", "e.dubois@lumiere.example"}, {"phone", "+33 1 23 45 67 89"},
            {"mobile", "+33 6 12 34 56 78"}, {"website", "https://lumiere.example"},
            {"mailing_street", "12, rue de la Paix"}, {"mailing_city", "Paris"},
            {"mailing_zip", "75002"}, {"mailing_country", "France"},
            {"description", "Ligne 1\nLigne 2; fin"},
            {"updated_at", "2026-03-01T09:30:00.000Z"}};
}

} // namespace

class TestVCardWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writesVCard30();
    void foldsAt75BytesNeverInsideACharacter();
    void roundTrip_data();
    void roundTrip();
    void reportsWriteErrors();
};

void TestVCardWriter::writesVCard30()
{
    const QByteArray out = written({fullContact()});
    const QByteArray expected =
        "BEGIN:VCARD\r\n"
        "VERSION:3.0\r\n"
        "PRODID:-//Rapport//Rapport//EN\r\n"
        "N:Dubois;\xC3\x89milie;;Dr.;\r\n"
        "FN:\xC3\x89milie Dubois\r\n"
        "ORG:Atelier Lumi\xC3\xA8re SARL;Recherche\r\n"
        "TITLE:Directrice\r\n"
        "EMAIL;TYPE=INTERNET,WORK:e.dubois@lumiere.example\r\n"
        "TEL;TYPE=WORK,VOICE:+33 1 23 45 67 89\r\n"
        "TEL;TYPE=CELL:+33 6 12 34 56 78\r\n"
        "ADR;TYPE=WORK:;;12\\, rue de la Paix;Paris;;75002;France\r\n"
        "URL:https://lumiere.example\r\n"
        "NOTE:Ligne 1\\nLigne 2\\; fin\r\n"
        "UID:urn:rapport:contact:42\r\n"
        "REV:2026-03-01T09:30:00Z\r\n"
        "END:VCARD\r\n";
    QCOMPARE(out, expected);
    // A contact with no values still makes a card with its required N and FN, nothing more
    QCOMPARE(written({QVariantMap{{"last_name", "Berg"}}}),
             QByteArray("BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Rapport//Rapport//EN\r\n"
                        "N:Berg;;;;\r\nFN:Berg\r\nEND:VCARD\r\n"));
}

void TestVCardWriter::foldsAt75BytesNeverInsideACharacter()
{
    // GIVEN a street of 200 characters, most of them two or three bytes in UTF-8
    QString street;
    while (street.size() < 200)
        street += QStringLiteral("Straße ü€ ");
    street.truncate(200);
    const QByteArray out = written({{{"last_name", "Berg"}, {"mailing_street", street}}});
    // THEN no line is longer than 75 bytes and each line on its own is valid UTF-8
    const QList<QByteArray> lines = out.split('\n');
    int continuations = 0;
    for (const QByteArray &line : lines) {
        QVERIFY(line.isEmpty() || line.endsWith('\r'));
        QVERIFY2(line.size() - 1 <= 75, line.constData());
        QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString text = utf8(line);
        QVERIFY2(!utf8.hasError(), line.constData());
        continuations += line.startsWith(' ') ? 1 : 0;
    }
    QVERIFY(continuations >= 4);
    QVERIFY(out.contains("\r\n "));
}

void TestVCardWriter::roundTrip_data()
{
    QTest::addColumn<QVariantMap>("contact");
    QTest::newRow("full") << fullContact();
    QString longStreet = QStringLiteral("Hauptstraße 1, Hinterhaus; 3. OG\\links ");
    while (longStreet.size() < 200)
        longStreet += QStringLiteral("éà€");
    longStreet.truncate(200);
    QTest::newRow("separators and accents") << QVariantMap{
        {"first_name", "Zoë, \"Zo\""}, {"last_name", "O;Brien\\Smith"},
        {"account_name", "Müller, Söhne & Co; KG"}, {"department", "Ein;kauf"},
        {"title", "Head of Sales, EMEA"}, {"email", "zoe@example.com"},
        {"secondary_email", "z.obrien@example.org"}, {"fax", "+49 30 1234568"},
        {"mailing_street", longStreet}, {"mailing_state", "Nordrhein-Westfalen"},
        {"description", "Line one\nLine two, with a comma; and a semicolon\n\nLast\\line"}};
    QTest::newRow("last name only") << QVariantMap{{"last_name", "Cher"}};
    QTest::newRow("department without account")
        << QVariantMap{{"last_name", "Berg"}, {"department", "Einkauf"}};
}

void TestVCardWriter::roundTrip()
{
    QFETCH(QVariantMap, contact);
    // GIVEN two contacts written one after the other
    QVariantMap second = contact;
    second.insert(QStringLiteral("id"), 7);
    QBuffer buffer;
    buffer.setData(written({contact, second}));
    buffer.open(QIODevice::ReadOnly);
    // WHEN the file is read back
    VCardReader reader(&buffer);
    const QStringList headers = VCardReader::headers();
    QStringList fields;
    for (int card = 0; card < 2; ++card) {
        QVERIFY2(reader.readRecord(fields), qPrintable(reader.errorString()));
        QCOMPARE(reader.recordProblem(), QString());
        // THEN every value is as it was
        for (const auto &[name, header] : Columns) {
            const QString value = contact.value(QLatin1String(name)).toString();
            QCOMPARE(fields.value(headers.indexOf(QLatin1String(header))), value);
        }
    }
    QCOMPARE(reader.rapportId(), 7);
    QVERIFY(!reader.readRecord(fields));
    QCOMPARE(reader.errorString(), QString());
}

void TestVCardWriter::reportsWriteErrors()
{
    QBuffer readOnly;
    readOnly.open(QIODevice::ReadOnly);
    VCardWriter writer(&readOnly);
    QVERIFY(!writer.writeCard(fullContact()));
    QVERIFY(!writer.errorString().isEmpty());
}

QTEST_GUILESS_MAIN(TestVCardWriter)
#include "tst_vcardwriter.moc"
