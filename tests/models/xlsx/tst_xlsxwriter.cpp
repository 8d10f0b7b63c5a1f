#include <QTest>
class TestXlsxWriter : public QObject { Q_OBJECT };
QTEST_GUILESS_MAIN(TestXlsxWriter)
#include "tst_xlsxwriter.moc"
