#pragma once
// The small questions of working through activities: what the next step is after completing
// one (or that there is none), when to move one to, and what a call logged just now was about.

#include "activities/followup.h"

#include <QDialog>
#include <optional>

class QComboBox;
class QLineEdit;

namespace Rapport {

class DateLineEdit;

class NextStepDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Mode {
        NextStep, // after completing: schedule the next step, or say there is none
        NewStep,  // an open deal with no next step: plan one
        LogCall,  // a call just made: its subject and outcome
    };
    NextStepDialog(Mode mode, const QString &about, QWidget *parent = nullptr);

    // After exec(): the step (subject, type, due), or nullopt for "no next step".
    std::optional<NextStep> step() const;
    QString outcome() const; // LogCall

    static constexpr int NoNextStep = 2; // exec()'s result for "No Next Step"

private:
    Mode m_mode;
    QLineEdit *m_subject;
    QComboBox *m_type = nullptr;
    QComboBox *m_outcome = nullptr;
    DateLineEdit *m_due = nullptr;
    bool m_none = false;
};

// Asks for a new due date and time; an invalid moment when the rep cancelled.
QDateTime askMoment(QWidget *parent, const QString &title, const QDateTime &current);

} // namespace Rapport
