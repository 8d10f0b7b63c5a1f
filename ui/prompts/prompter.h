#pragma once
// The questions Rapport's dialogs put to the user (unsaved changes, delete rules), behind an
// interface so that the logic never opens a message box itself and tests can answer without
// blocking. The idea follows KDE Zanshin's MessageBoxInterface.

#include <QList>
#include <QStringList>
#include <QMessageBox>
#include <QString>

#include <memory>
#include <optional>

class QWidget;

namespace Rapport {

struct Answer {
    QString label;                 // button text, already translated
    QMessageBox::ButtonRole role;  // RejectRole is what Esc picks
};

struct Question {
    QString title;
    QString text;
    QString details;               // informative text under the question; may be empty
    QList<Answer> answers;
    int defaultAnswer = 0;
    // A report (one OK, nothing to decide) shows the information icon, not a question mark.
    bool isReport = false;
};

// A short text the user types or picks from suggestions (why a deal was lost).
struct TextQuestion {
    QString title;
    QString label;
    QStringList suggestions; // offered in an editable list; the first is preselected
};

class Prompter
{
public:
    virtual ~Prompter();
    // The index in question.answers the user chose (the RejectRole answer if they escaped).
    virtual int ask(QWidget *parent, const Question &question) = 0;
    // A problem the user must know about, e.g. a database error.
    virtual void warn(QWidget *parent, const QString &title, const QString &text) = 0;
    // The text given (trimmed, may be empty), or nullopt if the user cancelled.
    virtual std::optional<QString> askText(QWidget *parent, const TextQuestion &question) = 0;

    // The message-box implementation every dialog uses unless told otherwise.
    static std::shared_ptr<Prompter> standard();
};

} // namespace Rapport
