#pragma once
// Drives a QWizard as a user does, through its real buttons, failing the test when a button
// the test means to press is hidden or disabled.

#include <QAbstractButton>
#include <QTest>
#include <QWizard>

namespace WizardDriver {

inline void click(QWizard *wizard, QWizard::WizardButton which)
{
    QAbstractButton *b = wizard->button(which);
    QVERIFY2(b->isVisible() && b->isEnabled(),
             qPrintable(QString("button %1 on page %2").arg(int(which)).arg(wizard->currentId())));
    QTest::mouseClick(b, Qt::LeftButton);
}

inline void nextTo(QWizard *wizard, int pageId)
{
    while (wizard->currentId() != pageId) {
        const int before = wizard->currentId();
        click(wizard, QWizard::NextButton);
        QVERIFY2(wizard->currentId() != before, "Next did not move on");
    }
}

// Radio buttons and check boxes span the page; a click counts on the box and its text only.
inline void check(QAbstractButton *b)
{
    QVERIFY(b && b->isVisible() && b->isEnabled());
    QTest::mouseClick(b, Qt::LeftButton, {}, QPoint(b->height() / 2, b->height() / 2));
}

} // namespace WizardDriver
