#pragma once
// What the import wizard's tests share: a fresh database per test, files written into a
// temporary directory, the wizard opened on a file, and the clicks from the mapping page
// to the end of an import.
#include "storage/database.h"
#include "transfer/importwizard.h"
#include "lists/recordfilter.h"
#include "support/scriptedprompter.h"
#include "support/engines.h"

#include <QAbstractButton>
#include <QFile>
#include <QLineEdit>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

class ImportWizardFixture
{
protected:
    void openDatabase()
    {
        m_db = QStringLiteral("wiz%1").arg(++m_serial);
        const QString location = Engines::location(m_dir.filePath(m_db + ".sqlite"));
        QVERIFY(Rapport::Database::open(location, m_db).isEmpty());
        m_prompter = std::make_shared<ScriptedPrompter>();
    }

    void closeDatabase() { Rapport::Database::close(m_db); }

    QString writeFile(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (f.open(QIODevice::WriteOnly))
            f.write(bytes);
        return path;
    }

    std::unique_ptr<Rapport::ImportWizard> openWizard(const QString &path)
    {
        auto wizard = std::make_unique<Rapport::ImportWizard>(Rapport::Entity::Lead, m_db,
                                                              m_prompter);
        wizard->show();
        wizard->findChild<QLineEdit *>("filePathEdit")->setText(path);
        return wizard;
    }

    // From the mapping page on: Next, wait for the check, Import, wait for the end.
    void runToEnd(Rapport::ImportWizard *wizard)
    {
        QVERIFY(wizard->button(QWizard::NextButton)->isEnabled());
        QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(wizard->currentId(), int(Rapport::ImportWizard::CheckPageId));
        QTRY_VERIFY_WITH_TIMEOUT(wizard->button(QWizard::CommitButton)->isEnabled(), 20000);
        QTest::mouseClick(wizard->button(QWizard::CommitButton), Qt::LeftButton);
        QCOMPARE(wizard->currentId(), int(Rapport::ImportWizard::RunPageId));
        QTRY_VERIFY_WITH_TIMEOUT(wizard->button(QWizard::FinishButton)->isEnabled(), 20000);
    }

    QVariantMap lead(const QString &email)
    {
        QSqlQuery q(QSqlDatabase::database(m_db));
        q.prepare("SELECT * FROM leads WHERE email = ?");
        q.addBindValue(email);
        QVariantMap values;
        if (q.exec() && q.next()) {
            for (const char *f : {"first_name", "last_name", "company", "annual_revenue", "city",
                                  "description", "lead_source"})
                values.insert(f, q.value(f));
        }
        return values;
    }

    qint64 leadCount()
    {
        Rapport::RecordFilter all;
        all.converted = Rapport::RecordFilter::Converted::Include;
        return Rapport::countRecords(m_db, Rapport::Entity::Lead, all);
    }

    QTemporaryDir m_dir;
    QString m_db;
    int m_serial = 0;
    std::shared_ptr<ScriptedPrompter> m_prompter;
};
