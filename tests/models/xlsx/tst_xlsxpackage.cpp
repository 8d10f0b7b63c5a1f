// The workbook's package: every part Excel requires is there, is well-formed XML of the
// right kind, is declared in [Content_Types].xml and is reached through the relationships,
// so that Excel and LibreOffice open the file without offering to repair it.
#include "xlsx/xlsxarchive.h"
#include "xlsx/xlsxpackage.h"
#include "xlsx/xlsxreader.h"
#include "xlsx/xlsxwriter.h"

#include <QBuffer>
#include <QHash>
#include <QTest>
#include <QXmlStreamReader>

#include <zip.h>

using namespace Rapport;

namespace {

const QString SpreadsheetMl =
    QStringLiteral("http://schemas.openxmlformats.org/spreadsheetml/2006/main");
const QString RelationshipTypes =
    QStringLiteral("http://schemas.openxmlformats.org/officeDocument/2006/relationships/");

QByteArray writtenWorkbook(const QString &sheetName)
{
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    XlsxWriter writer(&out, sheetName);
    if (!writer.writeHeader({"Name", "Born"})
        || !writer.writeRow({QStringLiteral("Nowak"), QDate(1980, 5, 1)}) || !writer.finish())
        return {};
    return out.data();
}

// The root element's namespace and name of a well-formed part; "" when it is not one.
QString rootOf(const QByteArray &xml)
{
    QXmlStreamReader reader(xml);
    QString root;
    while (!reader.atEnd()) {
        if (reader.readNext() == QXmlStreamReader::StartElement && root.isEmpty())
            root = reader.namespaceUri().toString() + QLatin1Char('|') + reader.name().toString();
    }
    return reader.hasError() ? QString() : root;
}

// The attributes of each element named `element`, in document order.
QList<QHash<QString, QString>> elements(const QByteArray &xml, const QString &element)
{
    QList<QHash<QString, QString>> found;
    QXmlStreamReader reader(xml);
    while (!reader.atEnd()) {
        if (reader.readNext() != QXmlStreamReader::StartElement || reader.name() != element)
            continue;
        QHash<QString, QString> attributes;
        for (const QXmlStreamAttribute &attribute : reader.attributes())
            attributes.insert(attribute.qualifiedName().toString(), attribute.value().toString());
        found.append(attributes);
    }
    return found;
}

QStringList entryNames(const QByteArray &workbook)
{
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t *source = zip_source_buffer_create(workbook.constData(),
                                                    zip_uint64_t(workbook.size()), 0, &error);
    zip_t *archive = source ? zip_open_from_source(source, ZIP_RDONLY, &error) : nullptr;
    QStringList names;
    if (!archive) {
        zip_source_free(source);
        return names;
    }
    for (zip_int64_t i = 0; i < zip_get_num_entries(archive, 0); ++i)
        names.append(QString::fromUtf8(zip_get_name(archive, zip_uint64_t(i), 0)));
    zip_discard(archive);
    return names;
}

} // namespace

class TestXlsxPackage : public QObject
{
    Q_OBJECT

private slots:
    void partsAreWellFormed_data();
    void partsAreWellFormed();
    void contentTypesDeclareEveryPart();
    void relationshipsReachEveryPart();
    void sheetNameWithMarkup();
};

void TestXlsxPackage::partsAreWellFormed_data()
{
    QTest::addColumn<QString>("part");
    QTest::addColumn<QString>("root");
    const QString package = QStringLiteral("http://schemas.openxmlformats.org/package/2006/");
    QTest::newRow("content types") << "[Content_Types].xml" << package + "content-types|Types";
    QTest::newRow("package rels") << "_rels/.rels" << package + "relationships|Relationships";
    QTest::newRow("workbook") << "xl/workbook.xml" << SpreadsheetMl + "|workbook";
    QTest::newRow("workbook rels") << "xl/_rels/workbook.xml.rels"
                                   << package + "relationships|Relationships";
    QTest::newRow("styles") << "xl/styles.xml" << SpreadsheetMl + "|styleSheet";
    QTest::newRow("sheet") << "xl/worksheets/sheet1.xml" << SpreadsheetMl + "|worksheet";
}

void TestXlsxPackage::partsAreWellFormed()
{
    QFETCH(QString, part);
    QFETCH(QString, root);
    const QByteArray workbook = writtenWorkbook(QStringLiteral("Leads"));
    XlsxArchive archive;
    QCOMPARE(archive.openData(workbook), QString());
    QString error;
    const QByteArray xml = archive.readPart(part, &error).value_or(QByteArray());
    QCOMPARE(error, QString());
    QVERIFY(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\""));
    QCOMPARE(rootOf(xml), root);
}

void TestXlsxPackage::contentTypesDeclareEveryPart()
{
    const QByteArray workbook = writtenWorkbook(QStringLiteral("Leads"));
    XlsxArchive archive;
    QCOMPARE(archive.openData(workbook), QString());
    QString error;
    const QByteArray types = archive.readPart(QStringLiteral("[Content_Types].xml"), &error)
                                 .value_or(QByteArray());
    QHash<QString, QString> overrides;
    for (const auto &item : elements(types, QStringLiteral("Override")))
        overrides.insert(item.value(QStringLiteral("PartName")), item.value("ContentType"));
    QHash<QString, QString> defaults;
    for (const auto &item : elements(types, QStringLiteral("Default")))
        defaults.insert(item.value(QStringLiteral("Extension")), item.value("ContentType"));
    const QString office = QStringLiteral("application/vnd.openxmlformats-officedocument.");
    QCOMPARE(overrides.value("/xl/workbook.xml"), office + "spreadsheetml.sheet.main+xml");
    QCOMPARE(overrides.value("/xl/worksheets/sheet1.xml"), office + "spreadsheetml.worksheet+xml");
    QCOMPARE(overrides.value("/xl/styles.xml"), office + "spreadsheetml.styles+xml");
    QCOMPARE(defaults.value("rels"),
             "application/vnd.openxmlformats-package.relationships+xml");
    // Every part in the zip (but the content types themselves) has a content type of its own.
    const QStringList names = entryNames(workbook);
    QCOMPARE(names.size(), 6);
    for (const QString &name : names) {
        QVERIFY2(overrides.contains(QLatin1Char('/') + name) || name.endsWith(".rels")
                     || name == "[Content_Types].xml",
                 qPrintable(name));
    }
}

void TestXlsxPackage::relationshipsReachEveryPart()
{
    const QByteArray workbook = writtenWorkbook(QStringLiteral("Leads"));
    XlsxArchive archive;
    QCOMPARE(archive.openData(workbook), QString());
    QString error;
    const auto read = [&](const char *part) {
        return archive.readPart(QString::fromLatin1(part), &error).value_or(QByteArray());
    };
    const auto package = elements(read("_rels/.rels"), QStringLiteral("Relationship"));
    QCOMPARE(package.size(), 1);
    QCOMPARE(package[0].value("Type"), RelationshipTypes + "officeDocument");
    QVERIFY(archive.contains(package[0].value("Target")));

    QHash<QString, QHash<QString, QString>> byId;
    for (const auto &item : elements(read("xl/_rels/workbook.xml.rels"), "Relationship"))
        byId.insert(item.value(QStringLiteral("Id")), item);
    const auto sheets = elements(read("xl/workbook.xml"), QStringLiteral("sheet"));
    QCOMPARE(sheets.size(), 1);
    QCOMPARE(sheets[0].value("sheetId"), "1");
    const auto sheet = byId.value(sheets[0].value(QStringLiteral("r:id")));
    QCOMPARE(sheet.value("Type"), RelationshipTypes + "worksheet");
    QVERIFY(archive.contains(QStringLiteral("xl/") + sheet.value("Target")));
    bool styles = false;
    for (const auto &item : std::as_const(byId)) {
        if (item.value("Type") == RelationshipTypes + "styles")
            styles = archive.contains(QStringLiteral("xl/") + item.value("Target"));
    }
    QVERIFY(styles);
    QCOMPARE(error, QString());
}

// Excel allows & < > " ' inside a sheet name: the workbook part must stay XML.
void TestXlsxPackage::sheetNameWithMarkup()
{
    const QString name = QStringLiteral("R&D \"Q1\" <new> it's");
    QCOMPARE(XlsxWriter::sheetNameFor(name), name);
    QCOMPARE(rootOf(XlsxPackage::workbook(name)), SpreadsheetMl + "|workbook");
    XlsxReader reader;
    QCOMPARE(reader.openData(writtenWorkbook(name)), QString());
    QCOMPARE(reader.sheetNames(), QStringList({name}));
}

QTEST_GUILESS_MAIN(TestXlsxPackage)
#include "tst_xlsxpackage.moc"
