#include "records/mergedialog.h"

#include "records/mergemodel.h"
#include "records/recordtypes.h"
#include "storage/clock.h"
#include "storage/owner.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScreen>
#include <QTableView>
#include <QVBoxLayout>

namespace Rapport {

MergeDialog::MergeDialog(const EditConflict &conflict, const QString &name,
                         const std::optional<LoggedChange> &last, const QString &connection,
                         QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("mergeDialog"));
    setWindowTitle(tr("%1 Was Changed Meanwhile").arg(name));
    auto *layout = new QVBoxLayout(this);
    auto *summary = new QLabel(this);
    summary->setObjectName(QStringLiteral("mergeSummary"));
    summary->setWordWrap(true);
    summary->setTextFormat(Qt::PlainText);
    summary->setText(tr("%1 Your changes to “%2” are not saved yet. Below are the fields you "
                        "changed, beside their version and what each held when you opened the "
                        "record; the check mark shows which value the record gets.")
                         .arg(whoChanged(last), name));
    layout->addWidget(summary);

    m_model = new MergeModel(conflict, last ? last->who : QString(), connection, this);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("mergeTable"));
    m_view->setAccessibleName(tr("Fields that differ"));
    m_view->setAccessibleDescription(tr("Each field in your version, in theirs and as it was "
                                        "when you opened it; Space or a click on one of the "
                                        "two versions chooses it."));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection); // one choice for many
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(true);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_view->horizontalHeader()->setSectionResizeMode(MergeModel::FieldColumn,
                                                     QHeaderView::ResizeToContents);
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    layout->addWidget(m_view, 1);

    const int both = conflict.changedByBoth();
    auto *bothChanged = new QLabel(
        tr("%n highlighted field(s) changed by both of you: your version is marked; take "
           "theirs where it is the right one.", "", both),
        this);
    bothChanged->setObjectName(QStringLiteral("mergeBothChanged"));
    bothChanged->setWordWrap(true);
    bothChanged->setVisible(both > 0);
    layout->addWidget(bothChanged);
    // What only they changed is kept without a question, and said.
    QStringList theirsOnly;
    for (const FieldDifference &d : conflict.differences()) {
        if (!d.changedByMe)
            theirsOnly << fieldLabel(*findField(conflict.entity(), d.field));
    }
    auto *kept = new QLabel(tr("Their changes to other fields are kept: %1.")
                                .arg(QLocale().createSeparatedList(theirsOnly)),
                            this);
    kept->setObjectName(QStringLiteral("mergeTheirsKept"));
    kept->setWordWrap(true);
    kept->setVisible(!theirsOnly.isEmpty());
    layout->addWidget(kept);
    layout->addWidget(buildChoiceButtons());

    auto *buttons = new QDialogButtonBox(this);
    QPushButton *save = buttons->addButton(tr("&Save Merged"), QDialogButtonBox::AcceptRole);
    save->setObjectName(QStringLiteral("saveMergedButton"));
    save->setIcon(QIcon::fromTheme(QStringLiteral("document-save")));
    save->setToolTip(tr("Save the record with the value chosen for each field"));
    save->setDefault(true);
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelMergeButton"));
    cancel->setToolTip(tr("Back to your changes, unsaved (Esc)"));
    cancel->setAutoDefault(false);
    connect(save, &QPushButton::clicked, this, &QDialog::accept);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    layout->addWidget(buttons);

    // The first field both changed is where the rep starts: the one most worth a look.
    m_view->setCurrentIndex(m_model->index(m_model->firstChangedByBoth(), MergeModel::MineColumn));
    m_view->setFocus(Qt::OtherFocusReason);
    resize(QSize(900, 300 + 40 * int(m_model->rowCount()))
               .boundedTo(screen()->availableGeometry().size() * 9 / 10));
}

QWidget *MergeDialog::buildChoiceButtons()
{
    auto *row = new QWidget(this);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *mine = new QPushButton(tr("Keep &Mine"), row);
    mine->setObjectName(QStringLiteral("keepMineButton"));
    mine->setToolTip(tr("Keep your version of the selected fields (Alt+M)"));
    auto *theirs = new QPushButton(tr("Take &Theirs"), row);
    theirs->setObjectName(QStringLiteral("takeTheirsButton"));
    theirs->setToolTip(tr("Take the saved version of the selected fields (Alt+T)"));
    for (QPushButton *b : {mine, theirs}) {
        b->setAutoDefault(false);
        layout->addWidget(b);
    }
    layout->addStretch(1);
    connect(mine, &QPushButton::clicked, this, [this] { chooseSelected(MergeSide::Mine); });
    connect(theirs, &QPushButton::clicked, this, [this] { chooseSelected(MergeSide::Theirs); });
    return row;
}

QString MergeDialog::whoChanged(const std::optional<LoggedChange> &last)
{
    if (!last)
        return tr("Someone else changed this record after you opened it.");
    const QLocale locale;
    const QDateTime at = last->at.toLocalTime();
    const QString time = locale.toString(at.time(), QLocale::ShortFormat);
    const bool today = at.date() == Clock::now().toLocalTime().date();
    const QString date = locale.toString(at.date(), QLocale::ShortFormat);
    const bool me = last->who == currentUserName();
    if (last->kind == QLatin1String(ChangeKind::Delete)) {
        if (me)
            return today ? tr("You deleted this record in another window at %1.").arg(time)
                         : tr("You deleted this record in another window on %1 at %2.")
                               .arg(date, time);
        return today ? tr("%1 deleted this record at %2.").arg(last->who, time)
                     : tr("%1 deleted this record on %2 at %3.").arg(last->who, date, time);
    }
    if (me)
        return today ? tr("You changed this record in another window at %1.").arg(time)
                     : tr("You changed this record in another window on %1 at %2.")
                           .arg(date, time);
    return today ? tr("%1 changed this record at %2.").arg(last->who, time)
                 : tr("%1 changed this record on %2 at %3.").arg(last->who, date, time);
}

QList<FieldDifference> MergeDialog::choices() const
{
    return m_model->choices();
}

void MergeDialog::chooseSelected(MergeSide side)
{
    QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty() && m_view->currentIndex().isValid())
        rows << m_view->currentIndex();
    for (const QModelIndex &index : std::as_const(rows))
        m_model->choose(index.row(), side);
    m_view->setFocus(Qt::OtherFocusReason);
}

} // namespace Rapport
