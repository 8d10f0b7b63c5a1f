// The workbook's package: every part Excel requires is there, is well-formed XML of the
// right kind, is declared in [Content_Types].xml and is reached through the relationships,
// so that Excel and LibreOffice open the file without offering to repair it.
#include "xlsx/xlsxarchive.h"
#include "xlsx/xlsxpackage.h"
#include "xlsx/xlsxreader.h"
#include "xlsx/xlsxwriter.h"

#include <QBuffer>
#include <QHash>
#include <QtEndian>
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
    void plainZipHeaders();
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

// Excel asks to repair a workbook whose parts carry Zip64 headers they do not need: every
// local header of a workbook of ordinary size is the plain zip of version 2.0, with its sizes.
void TestXlsxPackage::plainZipHeaders()
{
    const QByteArray workbook = writtenWorkbook(QStringLiteral("Leads"));
    const char *bytes = workbook.constData();
    const auto u16 = [bytes](qsizetype at) { return qFromLittleEndian<quint16>(bytes + at); };
    const auto u32 = [bytes](qsizetype at) { return qFromLittleEndian<quint32>(bytes + at); };
    qsizetype at = 0;
    int parts = 0;
    while (at + 30 <= workbook.size() && u32(at) == 0x04034b50) {
        const QByteArray name = workbook.mid(at + 30, u16(at + 26));
        QVERIFY2(u16(at + 4) <= 20, name.constData());                 // version needed
        QVERIFY2(u32(at + 18) != 0xFFFFFFFF, name.constData());        // compressed size
        QCOMPARE(u16(at + 8), quint16(ZIP_CM_DEFLATE));
        const qsizetype extra = at + 30 + u16(at + 26);
        for (qsizetype field = extra; field + 4 <= extra + u16(at + 28);
             field += 4 + u16(field + 2))
            QVERIFY2(u16(field) != 0x0001, name.constData());         // Zip64 extra field
        at = extra + u16(at + 28) + u32(at + 18);
        ++parts;
    }
    QCOMPARE(parts, 6);
}

QTEST_GUILESS_MAIN(TestXlsxPackage)
#include "tst_xlsxpackage.moc"
