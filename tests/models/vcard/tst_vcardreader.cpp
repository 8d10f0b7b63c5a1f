// The vCard reader: address books as Outlook, Google Contacts, Apple Contacts and 4.0 writers
// export them come out as contact rows the import maps without help; cards it cannot read
// are rejected alone, files that are no vCard stop with a clear message.
#include "records/recordtypes.h"
#include "support/bytes.h"
#include "transfer/headermatcher.h"
#include "vcard/vcardreader.h"

#include <QBuffer>
#include <QFile>
#include <QTest>

using namespace Rapport;

namespace {

struct Card {
    QStringList row;
    qint64 line = 0;
    QString problem;
    QString uid;
};

struct ReadResult {
    QList<Card> cards;
    QString error;
};

ReadResult readAll(const QByteArray &bytes, qsizetype maxLine = VCardReader::DefaultMaxLineSize)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    VCardReader reader(&buffer);
    reader.setMaxLineSize(maxLine);
    ReadResult r;
    QStringList fields;
    while (reader.readRecord(fields))
        r.cards.append({fields, reader.recordLine(), reader.recordProblem(), reader.uid()});
    r.error = reader.errorString();
    return r;
}

ReadResult readFixture(const QString &name)
{
    QFile file(QStringLiteral(RAPPORT_TEST_DATA "/vcard/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(name));
    return readAll(file.readAll());
}

// The value under a column, by its header.
QString at(const Card &card, const char *header)
{
    const qsizetype i = VCardReader::headers().indexOf(QLatin1String(header));
    if (i < 0)
        qFatal("no column %s", header);
    return card.row.value(i);
}

QByteArray card(const QByteArray &body, const QByteArray &version = "3.0")
{
    return "BEGIN:VCARD\r\nVERSION:" + version + "\r\n" + body + "END:VCARD\r\n";
}

} // namespace

class TestVCardReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void headersMapToContactFields();
    void outlook21();
    void google30();
    void apple30();
    void version40();
    void unknownVersionRejectsThatCardAlone();
    void csvRenamedIsNoVCard();
    void names_data();
    void names();
    void escapesAndFolding();
    void encodings();
    void cardsCutShortOrNameless();
    void defectsStopTheFile_data();
    void defectsStopTheFile();
    void photosArePassedOverWhateverTheirSize();
};

void TestVCardReader::headersMapToContactFields()
{
    // GIVEN the columns a vCard file yields WHEN the contact import matches them
    const QStringList headers = VCardReader::headers();
    const QStringList fields = HeaderMatcher(Entity::Contact).matchAll(headers);
    // THEN each one is the contact field of that label, without any help from the user
    for (qsizetype i = 0; i < headers.size(); ++i) {
        if (headers[i] == QLatin1String("Website")) {
            QCOMPARE(fields[i], QString()); // contacts have no website; leads do
            continue;
        }
        const FieldDef *field = findField(Entity::Contact, fields[i]);
        QVERIFY2(field, qPrintable(headers[i]));
        QCOMPARE(QLatin1String(field->label), headers[i]);
    }
    QVERIFY(fields.contains(QStringLiteral("account_id")));
    QVERIFY(fields.contains(QStringLiteral("mailing_zip")));
}

void TestVCardReader::outlook21()
{
    const ReadResult r = readFixture(QStringLiteral("outlook_21.vcf"));
    QCOMPARE(r.error, QString());
    QCOMPARE(r.cards.size(), 2);
    const Card &c = r.cards[0];
    QCOMPARE(c.problem, QString());
    QCOMPARE(c.line, 1);
    // Windows-1252 bytes with no CHARSET, bare type parameters
    QCOMPARE(at(c, "Last Name"), QStringLiteral("Müller"));
    QCOMPARE(at(c, "First Name"), QStringLiteral("Jürgen"));
    QCOMPARE(at(c, "Salutation"), QStringLiteral("Herr"));
    QCOMPARE(at(c, "Account Name"), QStringLiteral("Müller & Söhne GmbH"));
    QCOMPARE(at(c, "Department"), QStringLiteral("Vertrieb"));
    QCOMPARE(at(c, "Title"), QStringLiteral("Geschäftsführer"));
    QCOMPARE(at(c, "Phone"), QStringLiteral("+49 30 1234567"));
    QCOMPARE(at(c, "Mobile"), QStringLiteral("+49 171 2345678"));
    QCOMPARE(at(c, "Fax"), QStringLiteral("+49 30 1234568"));
    QCOMPARE(at(c, "Email"), QStringLiteral("j.mueller@mueller-soehne.example"));
    QCOMPARE(at(c, "Secondary Email"), QStringLiteral("juergen@privat.example"));
    QCOMPARE(at(c, "Website"), QStringLiteral("http://www.mueller-soehne.example"));
    // quoted-printable across a soft line break, with a line break of its own
    QCOMPARE(at(c, "Mailing Street"), QStringLiteral("Straße des 17. Juni 110\nGebäude B"));
    QCOMPARE(at(c, "Mailing City"), QStringLiteral("Berlin"));
    QCOMPARE(at(c, "Mailing Zip"), QStringLiteral("10623"));
    QCOMPARE(at(c, "Mailing Country"), QStringLiteral("Deutschland"));
    QCOMPARE(at(c, "Description"),
             QStringLiteral("Kunde seit 2019. Zahlt pünktlich; bevorzugt Anrufe am Vormittag, "
                            "nicht am Freitag.\nBudget 2026: 5000 €"));
    // the second card names its charset; the photo block of the first did not disturb it
    const Card &z = r.cards[1];
    QCOMPARE(z.problem, QString());
    QCOMPARE(at(z, "First Name"), QStringLiteral("Zoë"));
    QCOMPARE(at(z, "Account Name"), QStringLiteral("Café Crème SARL"));
    QCOMPARE(at(z, "Description"), QStringLiteral("Préfère le téléphone\nRabatt: 10 €"));
    QCOMPARE(at(z, "Email"), QStringLiteral("zoe@cafe-creme.example"));
}

void TestVCardReader::google30()
{
    const ReadResult r = readFixture(QStringLiteral("google_30.vcf"));
    QCOMPARE(r.error, QString());
    QCOMPARE(r.cards.size(), 2);
    const Card &c = r.cards[0];
    QCOMPARE(c.problem, QString());
    QCOMPARE(at(c, "First Name"), QStringLiteral("Anna"));
    QCOMPARE(at(c, "Email"), QStringLiteral("anna.schmidt@gmail.example")); // the first
    QCOMPARE(at(c, "Secondary Email"), QStringLiteral("anna.schmidt@nordwind.example"));
    QCOMPARE(at(c, "Phone"), QStringLiteral("+49 40 555 0100"));
    QCOMPARE(at(c, "Mobile"), QStringLiteral("+49 170 1112223"));
    QCOMPARE(at(c, "Fax"), QStringLiteral("+49 40 555 0199")); // item1.X-ABLabel:Work Fax
    QCOMPARE(at(c, "Mailing Street"), QStringLiteral("Am Sandtorkai 1")); // the work address
    QCOMPARE(at(c, "Mailing State"), QStringLiteral("HH"));
    QCOMPARE(at(c, "Department"), QStringLiteral("Einkauf"));
    QCOMPARE(at(c, "Website"), QStringLiteral("https://www.nordwind.example"));
    QCOMPARE(at(c, "Description"), QStringLiteral("Messe Hamburg 2025, Stand B12.\nRückruf im "
                                                  "März; Angebot für 500 Paletten folgt."));
    // N empty, FN split into first and last name; a labelled mobile
    const Card &j = r.cards[1];
    QCOMPARE(j.line, 22);
    QCOMPARE(at(j, "First Name"), QStringLiteral("Jonas"));
    QCOMPARE(at(j, "Last Name"), QStringLiteral("Weber"));
    QCOMPARE(at(j, "Mobile"), QStringLiteral("0151 2233445"));
    QCOMPARE(at(j, "Phone"), QString());
}

void TestVCardReader::apple30()
{
    const ReadResult r = readFixture(QStringLiteral("apple_30.vcf"));
    QCOMPARE(r.error, QString());
    QCOMPARE(r.cards.size(), 2);
    const Card &c = r.cards[0];
    QCOMPARE(c.problem, QString());
    QCOMPARE(at(c, "Salutation"), QStringLiteral("Dr."));
    QCOMPARE(at(c, "First Name"), QStringLiteral("Émilie"));
    QCOMPARE(at(c, "Email"), QStringLiteral("e.dubois@lumiere.example")); // type=pref
    QCOMPARE(at(c, "Secondary Email"), QStringLiteral("emilie@maison.example"));
    QCOMPARE(at(c, "Phone"), QStringLiteral("+33 1 23 45 67 89"));
    QCOMPARE(at(c, "Mobile"), QStringLiteral("+33 6 12 34 56 78"));
    QCOMPARE(at(c, "Fax"), QStringLiteral("+33 1 23 45 67 90"));
    QCOMPARE(at(c, "Mailing Street"), QStringLiteral("12, rue de la Paix"));
    QCOMPARE(at(c, "Mailing State"), QStringLiteral("Île-de-France"));
    QCOMPARE(at(c, "Website"), QStringLiteral("https://lumiere.example"));
    QCOMPARE(at(c, "Description"),
             QStringLiteral("Rencontrée au salon VivaTech.\nPréfère l'anglais par e-mail."));
    // The company's own card: no person's name, so the import asks for a Last Name
    const Card &company = r.cards[1];
    QCOMPARE(company.problem, QString());
    QCOMPARE(at(company, "Last Name"), QString());
    QCOMPARE(at(company, "First Name"), QString());
    QCOMPARE(at(company, "Account Name"), QStringLiteral("Atelier Lumière SARL"));
}

void TestVCardReader::version40()
{
    const ReadResult r = readFixture(QStringLiteral("v40.vcf"));
    QCOMPARE(r.error, QString());
    QCOMPARE(r.cards.size(), 1);
    const Card &c = r.cards[0];
    QCOMPARE(c.problem, QString());
    QCOMPARE(at(c, "First Name"), QStringLiteral("Sven Erik")); // with the middle name
    QCOMPARE(at(c, "Title"), QStringLiteral("CTO"));             // ROLE, there being no TITLE
    QCOMPARE(at(c, "Email"), QStringLiteral("sven.j@hem.example")); // PREF=1 beats PREF=2
    QCOMPARE(at(c, "Phone"), QStringLiteral("+46-8-123-4567 ext. 89"));
    QCOMPARE(at(c, "Mobile"), QStringLiteral("+46-70-123-4567"));
    QCOMPARE(at(c, "Mailing Street"), QStringLiteral("Kungsgatan 12"));
    QCOMPARE(at(c, "Mailing Zip"), QStringLiteral("111 35"));
    QCOMPARE(at(c, "Description"), QStringLiteral("Föredrar möten på morgonen."));
    QCOMPARE(c.uid, QStringLiteral("urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1"));
}

void TestVCardReader::unknownVersionRejectsThatCardAlone()
{
    const ReadResult r = readFixture(QStringLiteral("mixed_versions.vcf"));
    QCOMPARE(r.error, QString());
    QCOMPARE(r.cards.size(), 3);
    QCOMPARE(r.cards[0].problem, QString());
    QCOMPARE(at(r.cards[0], "Email"), QStringLiteral("lena.berg@example.com"));
    QCOMPARE(r.cards[1].line, 8);
    QVERIFY(r.cards[1].problem.contains(QLatin1String("5.0")));
    QCOMPARE(at(r.cards[1], "Last Name"), QStringLiteral("Zukunft")); // for the rejected rows
    QCOMPARE(r.cards[2].line, 14);
    QCOMPARE(r.cards[2].problem, QString());
    QCOMPARE(at(r.cards[2], "Phone"), QStringLiteral("+420 222 333 444"));
}

void TestVCardReader::csvRenamedIsNoVCard()
{
    const ReadResult r = readFixture(QStringLiteral("renamed_csv.vcf"));
    QVERIFY(r.cards.isEmpty());
    QVERIFY(r.error.contains(QLatin1String("Line 1")));
    QVERIFY(r.error.contains(QLatin1String("BEGIN:VCARD")));
}

void TestVCardReader::names_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("last");
    QTest::newRow("N") << QByteArray("N:Schmidt;Anna;;;\r\n") << "Anna" << "Schmidt";
    QTest::newRow("FN only") << QByteArray("FN:Anna Schmidt\r\n") << "Anna" << "Schmidt";
    QTest::newRow("FN last, first") << QByteArray("FN:Schmidt\\, Anna\r\n") << "Anna" << "Schmidt";
    QTest::newRow("FN one word") << QByteArray("FN:Cher\r\n") << "" << "Cher";
    QTest::newRow("FN is the ORG") << QByteArray("FN:Acme\r\nORG:Acme\r\n") << "" << "";
    QTest::newRow("N wins over FN") << QByteArray("FN:A. S.\r\nN:Schmidt;Anna\r\n")
                                    << "Anna" << "Schmidt";
}

void TestVCardReader::names()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, first);
    QFETCH(QString, last);
    const ReadResult r = readAll(card(body));
    QCOMPARE(r.cards.size(), 1);
    QCOMPARE(r.cards[0].problem, QString());
    QCOMPARE(at(r.cards[0], "First Name"), first);
    QCOMPARE(at(r.cards[0], "Last Name"), last);
}

void TestVCardReader::escapesAndFolding()
{
    // GIVEN escapes, a line folded with a space and one with a tab, LF line ends and a BOM
    const QByteArray bytes = "\xEF\xBB\xBF" "BEGIN:VCARD\nVERSION:3.0\nN:O\\;Brien;Se\n \xC3\xA1n\n"
                             "NOTE:a\\\\b\\, c\\nd\n\t e\nEND:VCARD\n";
    const ReadResult r = readAll(bytes);
    QCOMPARE(r.error, QString());
    QCOMPARE(r.cards.size(), 1);
    QCOMPARE(at(r.cards[0], "Last Name"), QStringLiteral("O;Brien"));
    QCOMPARE(at(r.cards[0], "First Name"), QStringLiteral("Seán"));
    QCOMPARE(at(r.cards[0], "Description"), QStringLiteral("a\\b, c\nd e"));
    // 2.1 knows only \; : a Windows path keeps its backslashes
    const ReadResult v21 = readAll(card("N:Weber;Jonas\r\nNOTE:C:\\new\\files\r\n", "2.1"));
    QCOMPARE(at(v21.cards[0], "Description"), QStringLiteral("C:\\new\\files"));
}

void TestVCardReader::encodings()
{
    // A 4.0 card must be UTF-8: Windows-1252 bytes reject that card alone
    const ReadResult v4 = readAll(card("N:M\xFCller;J\r\n", "4.0") + card("N:Berg;Lena\r\n"));
    QCOMPARE(v4.error, QString());
    QCOMPARE(v4.cards.size(), 2);
    QVERIFY(!v4.cards[0].problem.isEmpty());
    QCOMPARE(v4.cards[1].problem, QString());
    // 2.1 quoted-printable UTF-8, as newer Outlook writes it
    const ReadResult qp = readAll(card("N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J\r\n",
                                       "2.1"));
    QCOMPARE(at(qp.cards[0], "Last Name"), QStringLiteral("Müller"));
    // A file in UTF-16 is named as such
    const ReadResult utf16 = readAll(rawBytes("\xFF\xFE" "B\0E\0G\0I\0N\0"));
    QVERIFY(utf16.error.contains(QLatin1String("UTF-16")));
}

void TestVCardReader::cardsCutShortOrNameless()
{
    // GIVEN a good card, a card with nothing to name it, and a last card cut short
    const QByteArray bytes = card("N:Berg;Lena\r\n") + card("EMAIL:x@example.com\r\n")
        + "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Novak;Petr\r\n";
    const ReadResult r = readAll(bytes);
    // THEN each comes back, the two bad ones with the reason, and the file reads to its end
    QCOMPARE(r.error, QString());
    QCOMPARE(r.cards.size(), 3);
    QCOMPARE(r.cards[0].problem, QString());
    QVERIFY(r.cards[1].problem.contains(QLatin1String("no name")));
    QCOMPARE(at(r.cards[1], "Email"), QStringLiteral("x@example.com"));
    QCOMPARE(r.cards[2].line, 9);
    QVERIFY(r.cards[2].problem.contains(QLatin1String("END:VCARD")));
    QCOMPARE(at(r.cards[2], "Last Name"), QStringLiteral("Novak"));
}

void TestVCardReader::defectsStopTheFile_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("cardsBefore");
    QTest::addColumn<int>("maxLine"); // small, to reach the size limits with small inputs
    const QByteArray good = card("N:Berg;Lena\r\n");
    QTest::newRow("empty") << QByteArray() << "holds no cards" << 0 << 256;
    QTest::newRow("blank lines") << QByteArray("\r\n\r\n") << "holds no cards" << 0 << 256;
    QTest::newRow("text between cards") << good + "hello\r\n" + good << "Line 5" << 1 << 256;
    QTest::newRow("NUL byte") << good + rawBytes("BEGIN:VCARD\r\nN:a\0b\r\nEND:VCARD\r\n")
                              << "control character (0x00)" << 1 << 256;
    QTest::newRow("binary") << rawBytes("\x89PNG\r\n\x1a\n\0\0\0\rIHDR") << "Line 1" << 0 << 256;
    QTest::newRow("huge value") << good + card("NOTE:" + QByteArray(300, 'x') + "\r\n")
                                << "longer than 256 bytes" << 1 << 256;
    QTest::newRow("huge folded value")
        << card("NOTE:" + QByteArray(200, 'x') + "\r\n " + QByteArray(200, 'y') + "\r\n")
        << "longer than 256 bytes" << 0 << 256;
    QByteArray many;
    for (int i = 0; i < 12; ++i)
        many += "NOTE:" + QByteArray(200, 'n') + "\r\n";
    QTest::newRow("huge card") << card(many) << "larger than" << 0 << 256;
    QTest::newRow("huge photo") << card("PHOTO;ENCODING=b:" + QByteArray(17000, 'A') + "\r\n")
                                << "larger than 16384 bytes" << 0 << 256;
    QTest::newRow("endless line") << card("N:Berg\r\nPHOTO:" + QByteArray(70000, 'A'))
                                  << "Line 4 is longer than 16384 bytes" << 0 << 256;
    QByteArray tels;
    for (int i = 0; i < 1001; ++i)
        tels += "item1.TEL:\r\n";
    QTest::newRow("too many properties") << card(tels) << "more than 1000 properties" << 0
                                         << int(VCardReader::DefaultMaxLineSize);
}

void TestVCardReader::defectsStopTheFile()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, message);
    QFETCH(int, cardsBefore);
    QFETCH(int, maxLine);
    const ReadResult r = readAll(input, maxLine);
    QVERIFY2(r.error.contains(message), qPrintable(r.error));
    QCOMPARE(r.cards.size(), cardsBefore);
}

void TestVCardReader::photosArePassedOverWhateverTheirSize()
{
    // GIVEN photos far beyond the value limit: one folded, one on a single line, a 2.1 block
    const QByteArray base64 = QByteArray(5000, 'A');
    QByteArray folded;
    for (qsizetype i = 0; i < base64.size(); i += 74)
        folded += ' ' + base64.mid(i, 74) + "\r\n";
    const QByteArray bytes = card("N:Berg;Lena\r\nPHOTO;ENCODING=b;TYPE=JPEG:\r\n" + folded
                                  + "EMAIL:lena@example.com\r\n")
        + card("N:Novak;Petr\r\nPHOTO;ENCODING=b:" + base64 + "\r\n")
        + card("N:Weber;Jonas\r\nPHOTO;JPEG;BASE64:\r\n" + folded + "\r\nTEL:1\r\n", "2.1");
    // WHEN read with a 1 KB value limit THEN all three cards come through whole
    const ReadResult r = readAll(bytes, 1024);
    QCOMPARE(r.error, QString());
    QCOMPARE(r.cards.size(), 3);
    QCOMPARE(at(r.cards[0], "Email"), QStringLiteral("lena@example.com"));
    QCOMPARE(at(r.cards[1], "Last Name"), QStringLiteral("Novak"));
    QCOMPARE(at(r.cards[2], "Phone"), QStringLiteral("1"));
    QCOMPARE(r.cards[2].problem, QString());
}

QTEST_GUILESS_MAIN(TestVCardReader)
#include "tst_vcardreader.moc"
