#pragma once
// Converting several selected leads in one sitting: each lead with the plan Rapport suggests
// for it (an exact account or contact match, else new records). Enter accepts the current
// lead's suggestion, the full wizard is one button away for a lead that needs thought, and
// one report at the end says what was converted, skipped and why anything failed.

#include "conversion/converter.h"

#include <QDialog>
#include <QList>
#include <QPointer>

#include <memory>
#include <optional>

class QLabel;
class QPushButton;
class QTableWidget;

namespace Rapport {

class ConversionWizard;
class Prompter;
class QueueSuggester;

class ConversionQueueDialog : public QDialog
{
    Q_OBJECT

public:
    ConversionQueueDialog(const QList<qint64> &leadIds, const QString &connection,
                          QWidget *parent = nullptr);

    void setPrompter(std::shared_ptr<Prompter> prompter);
    // Passed to every Converter the queue and its wizards commit with. For tests.
    void setStepHook(Converter::StepHook hook) { m_hook = std::move(hook); }

    // Accepts the current lead's suggestion; Enter does this.
    void acceptCurrent();
    void skipCurrent();
    void openWizard();
    // Shows the report and closes; Esc and the window's close end here too.
    void finish();
    void reject() override { finish(); }

    // The plan in words, as the queue's row shows it: "(exact match)" when Rapport suggested
    // it, else what the rep chose. Reads the names of the matched records on `connection`.
    static QString suggestionText(const QString &connection, const ConversionPlan &plan,
                                  bool suggested = true);
    // Whether every lead's suggestion has been worked out (they arrive in the background).
    bool hasAllSuggestions() const;

Q_SIGNALS:
    void converted(const Rapport::ConversionPlan &plan, const Rapport::ConversionResult &result);

private:
    enum class State { Pending, Converted, Skipped, Failed };
    struct Row {
        qint64 leadId = 0;
        QString name;
        std::optional<ConversionPlan> plan;
        State state = State::Pending;
        QString reason; // Failed or Skipped: why
        bool ready = false; // its suggestion has arrived
    };

    void addRow(qint64 leadId);
    void setState(int row, State state, const QString &reason = {});
    void suggestionReady(int row, const QString &name, const std::optional<ConversionPlan> &plan,
                         bool converted, const QString &text);
    void currentChanged();
    void advance();
    void updateButtons();
    QString reportText() const;

    QString m_connection;
    std::shared_ptr<Prompter> m_prompter;
    Converter::StepHook m_hook;
    QList<Row> m_rows;
    QTableWidget *m_table;
    QLabel *m_status;
    QPushButton *m_accept;
    QPushButton *m_wizard;
    QPushButton *m_skip;
    QPushButton *m_finish;
    QPointer<ConversionWizard> m_openWizard;
    QPointer<QueueSuggester> m_suggester;
    int m_pending = 0;  // rows still Pending: counted as they change, not per keystroke
    int m_waiting = -1; // the row Enter was pressed on before its suggestion arrived
    bool m_finished = false;
};

} // namespace Rapport
