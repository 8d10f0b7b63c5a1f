// The one folding behind the quick search, duplicate matching and header matching: what a
// user types without the key finds what is written with it.
#include "records/matchkeys.h"
#include "records/searchkey.h"
#include "transfer/headermatcher.h"

#include <QTest>

using namespace Rapport;

class TestSearchKey : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void folds_data();
    void folds();
    void matchingAndHeadersFoldTheSame();
};

void TestSearchKey::folds_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("folded");
    QTest::newRow("case") << "MULLER" << "muller";
    QTest::newRow("umlaut") << "Müller" << "muller";
    QTest::newRow("acute, cedilla") << "Façade Société" << "facade societe";
    QTest::newRow("sharp s") << "Faßbender" << "fassbender";
    QTest::newRow("capital sharp s") << "FAẞBENDER" << "fassbender";
    QTest::newRow("ae") << "Ærø" << "aero";
    QTest::newRow("oe") << "Œuvre" << "oeuvre";
    QTest::newRow("o with stroke") << "Søren Ølstykke" << "soren olstykke";
    QTest::newRow("l with stroke") << "Łódź" << "lodz";
    QTest::newRow("d with stroke, eth") << "Đorđe Guðrún" << "dorde gudrun";
    QTest::newRow("thorn") << "Þór" << "thor";
    QTest::newRow("dotless i") << "Işık" << "isik";
    QTest::newRow("dotted capital I") << "İstanbul" << "istanbul";
    QTest::newRow("ligature fi") << "ﬁnance" << "finance";
    QTest::newRow("spaces") << "  Ada \t Lovelace " << "ada lovelace";
    QTest::newRow("other scripts, marks removed") << "Дмитрий 王" << "дмитрии 王";
}

void TestSearchKey::folds()
{
    QFETCH(QString, text);
    QFETCH(QString, folded);
    QCOMPARE(SearchKey::fold(text), folded);
}

void TestSearchKey::matchingAndHeadersFoldTheSame()
{
    QCOMPARE(MatchKeys::personName("Jürgen", "Faßbender"), MatchKeys::personName("Jurgen", "Fassbender"));
    QCOMPARE(MatchKeys::companyName("Ærø Bryggeri"), MatchKeys::companyName("Aero Bryggeri"));
    QCOMPARE(HeaderMatcher::normalise("Straße"), HeaderMatcher::normalise("Strasse"));
    QCOMPARE(HeaderMatcher::normalise("Société"), QString("societe"));
    QCOMPARE(HeaderMatcher::normalise(QStringLiteral("\uFEFFE-mail Address")), QString("emailaddress"));
}

QTEST_GUILESS_MAIN(TestSearchKey)
#include "tst_searchkey.moc"
