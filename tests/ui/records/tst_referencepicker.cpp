// ReferencePicker: the account picker finds what the rep types, in small tables and in big
// ones it searches, tells same-named accounts apart and never guesses between them.
#include "storage/database.h"
#include "storage/recordstore.h"
#include "records/referencepicker.h"
#include "support/engines.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QLineEdit>
#include <QTemporaryDir>
#include <QTest>

using namespace Rapport;

class TestReferencePicker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void smallTableIsListedWhole();
    void bigTableIsSearchedAsTheRepTypes();
    void typedNameIsFoundWithoutWaiting_data();
    void typedNameIsFoundWithoutWaiting();
    void sameNamesAreNeverGuessed_data();
    void sameNamesAreNeverGuessed();
    void storedAccountIsShownWhenSearching();

private:
    QTemporaryDir m_dir;
    QString m_connection;
    qint64 m_acme = 0;
    qint64 m_muller = 0;
    int m_run = 0;
};

void TestReferencePicker::init()
{
    m_connection = QStringLiteral("picker%1").arg(++m_run);
    const QString location = Engines::location(m_dir.filePath(m_connection + ".sqlite"));
    const QString e = Database::open(location, m_connection);
    QVERIFY2(e.isEmpty(), qPrintable(e));
    RecordStore store(m_connection);
    m_acme = store.insert(Entity::Account, {{"account_name", "Acme Inc"}}).id;
    m_muller = store.insert(Entity::Account, {{"account_name", "Müller GmbH"}}).id;
    QVERIFY(store.insert(Entity::Account, {{"account_name", "Globex"}}).ok());
}

void TestReferencePicker::cleanup()
{
    Database::close(m_connection);
}

void TestReferencePicker::smallTableIsListedWhole()
{
    ReferencePicker picker(Entity::Account, m_connection);
    QVERIFY(!picker.isSearching());
    QCOMPARE(picker.count(), 4); // a blank entry and the three accounts
    QCOMPARE(picker.itemText(0), QString());
}

void TestReferencePicker::bigTableIsSearchedAsTheRepTypes()
{
    ReferencePicker picker(Entity::Account, m_connection);
    picker.setListLimit(2);
    QVERIFY(picker.isSearching());
    QCOMPARE(picker.count(), 1); // nothing listed up front
    picker.show();
    QVERIFY(QTest::qWaitForWindowActive(&picker));
    picker.lineEdit()->setFocus();
    // Case and accents do not matter.
    QTest::keyClicks(picker.lineEdit(), "MULL");
    QAbstractItemView *popup = picker.completer()->popup();
    QTRY_VERIFY(popup->isVisible());
    QCOMPARE(popup->model()->rowCount(), 1);
    QCOMPARE(popup->model()->index(0, 0).data().toString(), QString("Müller GmbH"));
    QTest::keyClick(popup, Qt::Key_Down);
    QTest::keyClick(popup, Qt::Key_Return);
    QCOMPARE(picker.currentText(), QString("Müller GmbH"));
    qint64 id = 0;
    QCOMPARE(picker.match(&id), ReferencePicker::Match::Found);
    QCOMPARE(id, m_muller);
}

void TestReferencePicker::typedNameIsFoundWithoutWaiting_data()
{
    QTest::addColumn<int>("listLimit");
    QTest::newRow("listed") << ReferencePicker::DefaultListLimit;
    QTest::newRow("searching") << 2;
}

void TestReferencePicker::typedNameIsFoundWithoutWaiting()
{
    QFETCH(int, listLimit);
    ReferencePicker picker(Entity::Account, m_connection);
    picker.setListLimit(listLimit);
    QTest::keyClicks(picker.lineEdit(), "acme inc");
    qint64 id = 0;
    QCOMPARE(picker.match(&id), ReferencePicker::Match::Found);
    QCOMPARE(id, m_acme);
    picker.lineEdit()->clear();
    QCOMPARE(picker.match(), ReferencePicker::Match::Blank);
    QTest::keyClicks(picker.lineEdit(), "Acme");
    QCOMPARE(picker.match(), ReferencePicker::Match::Unknown); // a part is not a name
}

void TestReferencePicker::sameNamesAreNeverGuessed_data()
{
    typedNameIsFoundWithoutWaiting_data();
}

void TestReferencePicker::sameNamesAreNeverGuessed()
{
    QFETCH(int, listLimit);
    const qint64 second = RecordStore(m_connection)
                              .insert(Entity::Account, {{"account_name", "Acme Inc"}}).id;
    ReferencePicker picker(Entity::Account, m_connection);
    picker.setListLimit(listLimit);
    QTest::keyClicks(picker.lineEdit(), "Acme Inc");
    QCOMPARE(picker.match(), ReferencePicker::Match::Ambiguous);
    // The list names them apart; choosing one is unambiguous.
    picker.setRecordId(second);
    QCOMPARE(picker.currentText(), QString("Acme Inc (#%1)").arg(second));
    qint64 id = 0;
    QCOMPARE(picker.match(&id), ReferencePicker::Match::Found);
    QCOMPARE(id, second);
}

void TestReferencePicker::storedAccountIsShownWhenSearching()
{
    ReferencePicker picker(Entity::Account, m_connection);
    picker.setListLimit(0);
    picker.setRecordId(m_muller);
    QCOMPARE(picker.currentText(), QString("Müller GmbH"));
    qint64 id = 0;
    QCOMPARE(picker.match(&id), ReferencePicker::Match::Found);
    QCOMPARE(id, m_muller);
    picker.setRecordId(QVariant());
    QCOMPARE(picker.currentText(), QString());
}

QTEST_MAIN(TestReferencePicker)
#include "tst_referencepicker.moc"
