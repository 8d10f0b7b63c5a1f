#include "pipeline/stagesettingsdialog.h"

#include "pipeline/pipeline.h"
#include "prompts/prompter.h"
#include "records/recordtypes.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Rapport {

StageSettingsDialog::StageSettingsDialog(const QString &connection, QWidget *parent)
    : QDialog(parent)
    , m_connection(connection)
    , m_prompter(Prompter::standard())
{
    setWindowTitle(tr("Pipeline Stages"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("A deal moved into a stage gets its probability, unless the "
                                "rep set one of their own. The board marks a deal that sits in "
                                "a stage longer than its days as going stale (0: never)."), this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    const QList<StageSetting> stages = Pipeline(m_connection).stages();
    m_table = new QTableWidget(int(stages.size()), 3, this);
    m_table->setObjectName(QStringLiteral("stageTable"));
    m_table->setHorizontalHeaderLabels({tr("Stage"), tr("Probability"), tr("Stale after")});
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    for (int row = 0; row < stages.size(); ++row) {
        const StageSetting &s = stages[row];
        auto *name = new QTableWidgetItem(picklistLabel(s.stage));
        name->setData(Qt::UserRole, s.stage);
        name->setFlags(Qt::ItemIsEnabled);
        m_table->setItem(row, 0, name);
        auto *probability = new QSpinBox(m_table);
        probability->setRange(0, 100);
        probability->setSuffix(tr(" %"));
        probability->setValue(s.probability);
        probability->setAccessibleName(tr("Probability of %1").arg(picklistLabel(s.stage)));
        m_table->setCellWidget(row, 1, probability);
        auto *stale = new QSpinBox(m_table);
        stale->setRange(0, 3650);
        stale->setSpecialValueText(tr("never"));
        stale->setSuffix(tr(" days"));
        stale->setValue(s.staleDays);
        stale->setAccessibleName(tr("Days before a deal in %1 goes stale").arg(picklistLabel(s.stage)));
        m_table->setCellWidget(row, 2, stale);
    }
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    layout->addWidget(m_table);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &StageSettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &StageSettingsDialog::reject);
    layout->addWidget(buttons);
    resize(fontMetrics().averageCharWidth() * 70, sizeHint().height());
}

void StageSettingsDialog::accept()
{
    QList<StageSetting> stages;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        stages.append({m_table->item(row, 0)->data(Qt::UserRole).toString(),
                       qobject_cast<QSpinBox *>(m_table->cellWidget(row, 1))->value(),
                       qobject_cast<QSpinBox *>(m_table->cellWidget(row, 2))->value()});
    }
    if (const QString error = Pipeline(m_connection).save(stages); !error.isEmpty()) {
        m_prompter->warn(this, windowTitle(), error);
        return;
    }
    QDialog::accept();
}

} // namespace Rapport
