#include "records/repeateditor.h"

#include "records/repeatdialog.h"
#include "records/repeatpattern.h"

namespace Rapport {

namespace {

// The item that opens the dialog holds no rule, only this mark.
const QString CustomMark = QStringLiteral("custom");
constexpr int RuleRole = Qt::UserRole;
constexpr int CustomRole = Qt::UserRole + 1;

} // namespace

RepeatEditor::RepeatEditor(QWidget *parent) : QComboBox(parent)
{
    refill(QString());
    connect(this, &QComboBox::activated, this, &RepeatEditor::chosen);
}

QString RepeatEditor::rule() const
{
    return currentData(RuleRole).toString();
}

void RepeatEditor::setRule(const QString &rule)
{
    refill(rule.trimmed());
}

void RepeatEditor::setDay(const QDate &day)
{
    if (day == m_day)
        return;
    m_day = day;
    refill(rule());
}

// Does not repeat, the day's suggestions, the rule kept when none of them is it, Custom….
void RepeatEditor::refill(const QString &keep)
{
    const QSignalBlocker quiet(this);
    clear();
    addItem(tr("Does not repeat"), QString());
    for (const RepeatPattern &p : RepeatPattern::suggestions(m_day))
        addItem(p.text(), p.rule());
    // The same rule however it is written ("rrule:freq=weekly" is FREQ=WEEKLY).
    const std::optional<RepeatPattern> kept = RepeatPattern::read(keep);
    const QString key = kept ? kept->rule() : keep;
    int index = findData(key, RuleRole, Qt::MatchExactly | Qt::MatchCaseSensitive);
    if (index < 0 && !keep.isEmpty()) {
        addItem(RepeatPattern::describe(keep), kept ? key : keep);
        index = count() - 1;
    }
    insertSeparator(count());
    addItem(tr("Custom…"));
    setItemData(count() - 1, CustomMark, CustomRole);
    setCurrentIndex(qMax(0, index));
    m_previous = currentIndex();
}

void RepeatEditor::chosen(int index)
{
    if (itemData(index, CustomRole).toString() == CustomMark) {
        editCustom();
        return;
    }
    if (index != m_previous) {
        m_previous = index;
        Q_EMIT ruleEdited();
    }
}

void RepeatEditor::editCustom()
{
    const QString before = itemData(m_previous, RuleRole).toString();
    RepeatPattern start;
    if (const std::optional<RepeatPattern> p = RepeatPattern::read(before))
        start = *p;
    else
        start.weekdays = {m_day.isValid() ? m_day.dayOfWeek() : QDate::currentDate().dayOfWeek()};
    RepeatDialog dialog(start, m_day, this);
    if (dialog.exec() != QDialog::Accepted) {
        setCurrentIndex(m_previous);
        return;
    }
    const QString rule = dialog.pattern().rule();
    refill(rule);
    if (rule != before)
        Q_EMIT ruleEdited();
}

} // namespace Rapport
