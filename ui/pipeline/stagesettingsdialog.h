#pragma once
// Pipeline › Stages: each stage's default probability and the days a deal may sit in it
// before the board marks it as going stale, for the whole team (kept in the database).

#include <QDialog>
#include <memory>

class QTableWidget;

namespace Rapport {

class Prompter;

class StageSettingsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit StageSettingsDialog(const QString &connection, QWidget *parent = nullptr);
    void setPrompter(std::shared_ptr<Prompter> prompter) { m_prompter = std::move(prompter); }
    QTableWidget *table() const { return m_table; }
    void accept() override;

private:
    QString m_connection;
    std::shared_ptr<Prompter> m_prompter;
    QTableWidget *m_table;
};

} // namespace Rapport
