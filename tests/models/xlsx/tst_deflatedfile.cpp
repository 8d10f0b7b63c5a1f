// The deflated sheet file: what goes in comes out of an inflate unchanged, with the CRC-32
// and the sizes a zip's headers will state.
#include "xlsx/deflatedfile.h"

#include <QTemporaryDir>
#include <QTest>

#include <zlib.h>

using namespace Rapport;

namespace {

// Raw-inflates `deflated`; empty on any error.
QByteArray inflated(const QByteArray &deflated, qsizetype expectedSize)
{
    z_stream stream = {};
    if (inflateInit2(&stream, -MAX_WBITS) != Z_OK)
        return {};
    QByteArray out(expectedSize + 1, Qt::Uninitialized);
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(deflated.constData()));
    stream.avail_in = uInt(deflated.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = uInt(out.size());
    const int result = inflate(&stream, Z_FINISH);
    out.resize(qsizetype(stream.total_out));
    inflateEnd(&stream);
    return result == Z_STREAM_END ? out : QByteArray("<damaged>");
}

QByteArray contents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestDeflatedFile : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data();
    void roundTrip();
    void unopenedRefusesWrites();
};

void TestDeflatedFile::roundTrip_data()
{
    QTest::addColumn<QList<QByteArray>>("pieces");
    QTest::newRow("nothing") << QList<QByteArray>();
    QTest::newRow("one line") << QList<QByteArray>({"<row r=\"1\"/>"});
    QByteArray large;
    for (int i = 0; i < 200000; ++i)
        large += "<row r=\"" + QByteArray::number(i) + "\"><c><v>" + QByteArray::number(i * 7)
            + "</v></c></row>";
    // Larger than the file's output chunk, in pieces of several sizes.
    QTest::newRow("many pieces") << QList<QByteArray>({large.left(10), large.mid(10, 1 << 20),
                                                       QByteArray(), large.mid(10 + (1 << 20))});
}

void TestDeflatedFile::roundTrip()
{
    QFETCH(QList<QByteArray>, pieces);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("part.deflated"));
    DeflatedFile file;
    QVERIFY(file.open(path, 1));
    QVERIFY(file.isOpen());
    QByteArray all;
    for (const QByteArray &piece : pieces) {
        QVERIFY(file.write(piece));
        all += piece;
    }
    QVERIFY(file.finish());
    QVERIFY(!file.isOpen());
    QCOMPARE(file.errorString(), QString());
    const QByteArray deflated = contents(path);
    QCOMPARE(file.compressedSize(), quint64(deflated.size()));
    QCOMPARE(file.size(), quint64(all.size()));
    QCOMPARE(file.crc(), quint32(crc32(0, reinterpret_cast<const Bytef *>(all.constData()),
                                       uInt(all.size()))));
    QCOMPARE(inflated(deflated, all.size()), all);
    if (all.size() > 1000000)
        QVERIFY(deflated.size() < all.size() / 4);
}

void TestDeflatedFile::unopenedRefusesWrites()
{
    DeflatedFile file;
    QVERIFY(!file.write("x"));
    QVERIFY(!file.finish());
    QVERIFY(!file.open(QStringLiteral("/nonexistent-directory/part"), 1));
    QVERIFY(!file.errorString().isEmpty());
}

QTEST_GUILESS_MAIN(TestDeflatedFile)
#include "tst_deflatedfile.moc"
