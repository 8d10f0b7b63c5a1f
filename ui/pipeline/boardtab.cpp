#include "pipeline/boardtab.h"

#include "activities/followup.h"
#include "storage/owner.h"
#include "pipeline/boardwriter.h"
#include "pipeline/cardmodel.h"
#include "pipeline/movedealcommand.h"
#include "pipeline/stagesettingsdialog.h"
#include "prompts/prompter.h"
#include "records/recorddialog.h"
#include "records/recordtypes.h"
#include "records/valuetext.h"
#include "storage/clock.h"
#include "storage/dbworker.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPointer>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QTimer>
#include <QUndoStack>
#include <QVBoxLayout>

namespace Rapport {

namespace {

QString money(double amount)
{
    return valueText(*findField(Entity::Deal, QStringLiteral("amount")), amount);
}

QString stageName(const StageSetting &s)
{
    return s.stage.isEmpty() ? BoardTab::tr("Other stages") : picklistLabel(s.stage);
}

enum Closing { AnyTime, ThisMonth, ThisQuarter, Next90Days, PastDue };

} // namespace

BoardTab::BoardTab(const QString &connection, QUndoStack *undoStack, QWidget *parent)
    : QWidget(parent)
    , m_connection(connection)
    , m_undo(undoStack)
    , m_prompter(Prompter::standard())
    , m_reader(std::make_unique<DbWorker>(connection, nullptr, DbWorker::Purpose::Reads))
    , m_writer(new BoardWriter(connection, this))
{
    auto *layout = new QVBoxLayout(this);
    auto *bar = new QHBoxLayout;
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("boardSearch"));
    m_search->setPlaceholderText(tr("Search deals"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search deals"));
    m_owner = new QComboBox(this);
    m_owner->setObjectName(QStringLiteral("boardOwner"));
    m_owner->setAccessibleName(tr("Owner"));
    m_owner->addItem(tr("Everyone's deals"), QString());
    m_owner->addItem(tr("My deals"), currentUserName());
    m_closing = new QComboBox(this);
    m_closing->setObjectName(QStringLiteral("boardClosing"));
    m_closing->setAccessibleName(tr("Closing date"));
    m_closing->addItem(tr("Any closing date"), AnyTime);
    m_closing->addItem(tr("Closing this month"), ThisMonth);
    m_closing->addItem(tr("Closing this quarter"), ThisQuarter);
    m_closing->addItem(tr("Closing in the next 90 days"), Next90Days);
    m_closing->addItem(tr("Past their closing date"), PastDue);
    auto *stages = new QPushButton(QIcon::fromTheme(QStringLiteral("configure")), tr("&Stages…"), this);
    stages->setObjectName(QStringLiteral("boardStages"));
    stages->setToolTip(tr("Each stage's probability, and how long a deal may sit in it"));
    m_status = new QLabel(this);
    bar->addWidget(m_search, 2);
    bar->addWidget(m_owner);
    bar->addWidget(m_closing);
    bar->addWidget(m_status, 1);
    bar->addWidget(stages);
    layout->addLayout(bar);
    m_scroll = new QScrollArea(this);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_strip = new QWidget(m_scroll);
    m_columnsLayout = new QHBoxLayout(m_strip);
    m_columnsLayout->setContentsMargins(0, 0, 0, 0);
    m_columnsLayout->addStretch();
    m_scroll->setWidget(m_strip);
    layout->addWidget(m_scroll, 1);

    m_searchTimer = new QTimer(this);
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(250);
    connect(m_searchTimer, &QTimer::timeout, this, &BoardTab::refresh);
    connect(m_search, &QLineEdit::textChanged, m_searchTimer, qOverload<>(&QTimer::start));
    connect(m_owner, &QComboBox::currentIndexChanged, this, &BoardTab::refresh);
    connect(m_closing, &QComboBox::currentIndexChanged, this, &BoardTab::refresh);
    connect(stages, &QPushButton::clicked, this, &BoardTab::editStages);
}

BoardTab::~BoardTab() = default;

void BoardTab::setPrompter(std::shared_ptr<Prompter> prompter)
{
    m_prompter = std::move(prompter);
}

BoardFilter BoardTab::filter() const
{
    BoardFilter f;
    f.search = m_search->text().trimmed();
    f.owner = m_owner->currentData().toString();
    const QDate today = Clock::now().toLocalTime().date();
    switch (m_closing->currentData().toInt()) {
    case ThisMonth:
        f.closingFrom = QDate(today.year(), today.month(), 1);
        f.closingTo = f.closingFrom.addMonths(1).addDays(-1);
        break;
    case ThisQuarter:
        f.closingFrom = QDate(today.year(), (today.month() - 1) / 3 * 3 + 1, 1);
        f.closingTo = f.closingFrom.addMonths(3).addDays(-1);
        break;
    case Next90Days:
        f.closingFrom = today;
        f.closingTo = today.addDays(90);
        break;
    case PastDue:
        f.closingTo = today.addDays(-1);
        break;
    default:
        break;
    }
    return f;
}

void BoardTab::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        refresh();
}

bool BoardTab::isLoading() const
{
    return m_loading || m_writer->pending() > 0;
}

void BoardTab::refresh()
{
    if (!isVisible()) {
        m_stale = true; // read when shown
        return;
    }
    m_stale = false;
    if (m_loading || m_writer->pending() > 0) {
        // After the read or the writes running now: a read begun before a move is written
        // would show its card back where it was.
        m_pending = true;
        return;
    }
    m_pending = false;
    if (!m_keep)
        m_keep = currentDeal();
    m_loading = true;
    m_status->setText(tr("Loading…"));
    auto result = std::make_shared<Board>();
    const BoardFilter f = filter();
    QPointer<BoardTab> self(this);
    m_reader->start([result, f](const QString &connection) { *result = BoardReader(connection).read(f); },
                    [self, result](const QString &error) {
                        if (!self)
                            return;
                        self->m_loading = false;
                        if (self->m_pending) {
                            // Overtaken by a later move or filter: read again, show that.
                            self->m_pending = false;
                            self->refresh();
                            return;
                        }
                        if (!error.isEmpty())
                            result->error = error;
                        self->present(*result);
                    });
}

void BoardTab::buildColumns(int count)
{
    while (m_columns.size() > count) {
        Column c = m_columns.takeLast();
        delete c.box;
    }
    while (m_columns.size() < count) {
        const int index = int(m_columns.size());
        auto *box = new QFrame(m_strip);
        box->setFrameShape(QFrame::StyledPanel);
        auto *v = new QVBoxLayout(box);
        v->setContentsMargins(4, 4, 4, 4);
        auto *header = new QLabel(box);
        header->setObjectName(QStringLiteral("stageHeader%1").arg(index));
        header->setTextFormat(Qt::RichText);
        header->setWordWrap(true);
        auto *list = new QListView(box);
        list->setObjectName(QStringLiteral("stageList%1").arg(index));
        auto *model = new CardModel(list);
        list->setModel(model);
        list->setItemDelegate(new CardDelegate(list));
        list->setSelectionMode(QAbstractItemView::SingleSelection);
        list->setDragEnabled(true);
        list->setAcceptDrops(true);
        list->setDropIndicatorShown(true);
        list->setDragDropMode(QAbstractItemView::DragDrop);
        list->setDefaultDropAction(Qt::MoveAction);
        list->setUniformItemSizes(true);
        list->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
        list->installEventFilter(this);
        const int width = fontMetrics().averageCharWidth() * 32 + 24;
        box->setFixedWidth(width);
        v->addWidget(header);
        v->addWidget(list, 1);
        m_columnsLayout->insertWidget(index, box);
        // Now, not when the layout's queued call gets to it: the board is there (laid out,
        // and painted next) when it says it is loaded, not in the middle of the first drag.
        box->show();
        connect(model, &CardModel::dealDropped, this, [this, list](qint64 id) {
            // The card as its list has it now, before the drag takes it out; the move after
            // the drop is over, as the reason is asked in a dialog of its own.
            const auto [from, row] = find(id);
            if (from < 0)
                return;
            const BoardCard card = m_columns[from].model->cards().at(row);
            QTimer::singleShot(0, this, [this, list, card, from = from] {
                moveCard(card, from, columnOf(list));
            });
        });
        connect(list, &QListView::activated, this, [this](const QModelIndex &i) {
            Q_EMIT openRequested(Entity::Deal, i.data(CardModel::DealIdRole).toLongLong());
        });
        m_columns.append({box, header, list, model});
    }
}

void BoardTab::present(const Board &board)
{
    if (!board.error.isEmpty()) {
        m_status->setText(tr("The board could not be read: %1").arg(board.error));
        return;
    }
    const qint64 keep = m_keep;
    m_keep = 0;
    QWidget *focused = focusWidget();
    const bool hadFocus = focused && m_strip->isAncestorOf(focused);
    m_board = board;
    buildColumns(int(board.columns.size()));
    for (int i = 0; i < m_columns.size(); ++i) {
        const Column &c = m_columns[i];
        const int scroll = c.list->verticalScrollBar()->value();
        c.model->setCards(board.columns[i].cards);
        c.list->verticalScrollBar()->setValue(scroll);
        updateHeader(i);
    }
    qint64 deals = 0;
    double total = 0, weighted = 0;
    for (const BoardColumn &c : board.columns) {
        if (Pipeline::isClosed(c.stage.stage))
            continue;
        deals += c.count;
        total += c.total;
        weighted += c.weighted;
    }
    m_status->setText(tr("Open: %n deal(s), %1, weighted %2", nullptr, int(qMin<qint64>(deals, INT_MAX)))
                          .arg(money(total), money(weighted)));
    if (const auto [column, row] = find(keep); column >= 0) {
        QListView *list = m_columns[column].list;
        list->setCurrentIndex(list->model()->index(row, 0));
        if (hadFocus)
            list->setFocus();
    }
    Q_EMIT loaded();
}

void BoardTab::updateHeader(int index)
{
    const BoardColumn &c = m_board.columns[index];
    QString text = tr("<b>%1</b> · %2").arg(stageName(c.stage).toHtmlEscaped(),
                                             QLocale().toString(c.count));
    if (!c.stage.stage.isEmpty())
        text += QStringLiteral(" · ") + tr("%1 %").arg(c.stage.probability);
    text += QStringLiteral("<br>") + tr("Total %1").arg(money(c.total));
    text += QStringLiteral("<br>") + tr("Weighted %1").arg(money(c.weighted));
    m_columns[index].header->setText(text);
    m_columns[index].list->setAccessibleName(
        tr("%1: %n deal(s)", nullptr, int(qMin<qint64>(c.count, INT_MAX))).arg(stageName(c.stage)));
}

QListView *BoardTab::list(int column) const
{
    return column >= 0 && column < m_columns.size() ? m_columns[column].list : nullptr;
}

QLabel *BoardTab::header(int column) const
{
    return column >= 0 && column < m_columns.size() ? m_columns[column].header : nullptr;
}

QPair<int, int> BoardTab::find(qint64 dealId) const
{
    if (!dealId)
        return {-1, -1};
    for (int i = 0; i < m_columns.size(); ++i) {
        if (const int row = m_columns[i].model->rowOfDeal(dealId); row >= 0)
            return {i, row};
    }
    return {-1, -1};
}

int BoardTab::columnOf(const QListView *list) const
{
    for (int i = 0; i < m_columns.size(); ++i)
        if (m_columns[i].list == list)
            return i;
    return -1;
}

qint64 BoardTab::currentDeal() const
{
    for (const Column &c : m_columns) {
        if (c.list->hasFocus() || c.list == focusWidget()) {
            const QModelIndex i = c.list->currentIndex();
            return i.isValid() ? i.data(CardModel::DealIdRole).toLongLong() : 0;
        }
    }
    return 0;
}

void BoardTab::focusColumn(int index, int nearRow)
{
    if (index < 0 || index >= m_columns.size())
        return;
    QListView *list = m_columns[index].list;
    list->setFocus(Qt::OtherFocusReason);
    const int rows = list->model()->rowCount();
    if (rows > 0)
        list->setCurrentIndex(list->model()->index(qBound(0, nearRow, rows - 1), 0));
    m_scroll->ensureWidgetVisible(m_columns[index].box);
}

bool BoardTab::moveDeal(qint64 dealId, int toColumn)
{
    // The card where the board shows it now (moves show before the board is read again).
    const auto [from, row] = find(dealId);
    if (from < 0)
        return false;
    return moveCard(m_columns[from].model->cards().at(row), from, toColumn);
}

bool BoardTab::moveCard(const BoardCard &card, int fromColumn, int toColumn)
{
    if (toColumn < 0 || toColumn >= m_board.columns.size() || fromColumn < 0
        || fromColumn >= m_columns.size())
        return false;
    const QString stage = m_board.columns[toColumn].stage.stage;
    // A dragged card has left its list already: a move that does not happen puts it back.
    const auto putBack = [this, card, fromColumn] {
        if (m_columns[fromColumn].model->rowOfDeal(card.id) < 0)
            m_columns[fromColumn].model->insertCard(card);
    };
    if (stage.isEmpty() || fromColumn == toColumn) {
        putBack();
        return false; // "Other stages" is no stage to move to
    }
    QString reason;
    if (Pipeline::isClosed(stage)) {
        TextQuestion q;
        if (Pipeline::isWon(stage)) {
            q.title = tr("Closed Won");
            q.label = tr("What won “%1”?").arg(card.name);
            q.suggestions = {tr("Price"), tr("Product fit"), tr("Relationship"), tr("Timing"),
                             tr("Features")};
        } else {
            q.title = tr("Closed Lost");
            q.label = tr("Why was “%1” lost?").arg(card.name);
            q.suggestions = {tr("Price"), tr("Went with a competitor"), tr("No budget"),
                             tr("No decision"), tr("Timing"), tr("Lost touch")};
        }
        const std::optional<QString> given = m_prompter->askText(this, q);
        if (!given) {
            putBack();
            return false;
        }
        reason = *given;
    }
    // At once where it goes; the write follows off the window's thread, the figures after it.
    showMoved(card, toColumn);
    if (m_loading)
        m_pending = true; // the read running now may not see the move: read again after it
    const auto command = std::make_shared<const QUndoCommand *>(nullptr);
    QPointer<BoardTab> self(this);
    const auto run = [self](MoveDealCommand::Write write, std::function<void(const QString &)> after) {
        if (self)
            self->m_writer->run(std::move(write), std::move(after));
    };
    const auto done = [self, card, fromColumn, command](bool first, bool ok, const QString &error) {
        if (self)
            self->moveDone(card, fromColumn, *command, first, ok, error);
    };
    auto *move = new MoveDealCommand(card.id, stage, reason, run, done);
    *command = move;
    if (m_undo)
        m_undo->push(move); // moves it (redo)
    else {
        move->redo();
        delete move; // the write has what it needs
    }
    return true;
}

void BoardTab::showMoved(const BoardCard &card, int toColumn)
{
    for (Column &c : m_columns) {
        if (const int row = c.model->rowOfDeal(card.id); row >= 0)
            c.model->removeRows(row, 1);
    }
    BoardCard there = card;
    there.stage = m_board.columns[toColumn].stage.stage;
    there.daysInStage = 0;
    there.stale = false;
    const int row = m_columns[toColumn].model->insertCard(there);
    QListView *list = m_columns[toColumn].list;
    list->setCurrentIndex(list->model()->index(row, 0));
    list->setFocus(Qt::OtherFocusReason);
}

void BoardTab::moveDone(const BoardCard &card, int fromColumn, const QUndoCommand *command,
                        bool first, bool ok, const QString &error)
{
    m_keep = card.id;
    if (first && !ok) {
        // Refused: the card goes back where it was, and the step leaves the undo stack.
        for (Column &c : m_columns) {
            if (const int row = c.model->rowOfDeal(card.id); row >= 0)
                c.model->removeRows(row, 1);
        }
        if (fromColumn < m_columns.size())
            m_columns[fromColumn].model->insertCard(card);
        for (int i = 0; m_undo && i < m_undo->count(); ++i) {
            if (m_undo->command(i) != command)
                continue;
            const_cast<QUndoCommand *>(command)->setObsolete(true);
            if (i == m_undo->index() - 1)
                m_undo->undo(); // drops it without writing
            break;
        }
    }
    if (!ok)
        m_prompter->warn(this, tr("Move deal"), error);
    refresh(); // a refused write, too, says the board is behind the database
    if (ok || !first)
        Q_EMIT changed();
}

bool BoardTab::eventFilter(QObject *watched, QEvent *event)
{
    auto *list = qobject_cast<QListView *>(watched);
    if (!list || event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);
    const auto *key = static_cast<QKeyEvent *>(event);
    const int column = columnOf(list);
    const QModelIndex current = list->currentIndex();
    const qint64 deal = current.isValid() ? current.data(CardModel::DealIdRole).toLongLong() : 0;
    const bool ctrl = key->modifiers() == Qt::ControlModifier;
    const bool plain = key->modifiers() == Qt::NoModifier || key->modifiers() == Qt::KeypadModifier;
    switch (key->key()) {
    case Qt::Key_Left:
    case Qt::Key_Right: {
        const int step = key->key() == Qt::Key_Left ? -1 : 1;
        if (ctrl && deal) {
            moveDeal(deal, column + step);
            return true;
        }
        if (plain) {
            focusColumn(column + step, current.isValid() ? current.row() : 0);
            return true;
        }
        break;
    }
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (deal && plain) {
            Q_EMIT openRequested(Entity::Deal, deal);
            return true;
        }
        break;
    case Qt::Key_T:
        if (deal && ctrl) {
            newActivity(deal);
            return true;
        }
        break;
    default:
        break;
    }
    return QWidget::eventFilter(watched, event);
}

void BoardTab::newActivity(qint64 dealId)
{
    QVariantMap values = FollowUp(m_connection).regarding(Entity::Deal, dealId);
    values.insert(QStringLiteral("owner"), currentUserName());
    auto *dialog = new RecordDialog(Entity::Activity, 0, m_connection, this);
    dialog->setObjectName(QStringLiteral("boardActivityDialog"));
    dialog->setPrompter(m_prompter);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setInitialValues(values);
    connect(dialog, &RecordDialog::saved, this, [this, dealId] {
        m_keep = dealId;
        refresh();
        Q_EMIT changed();
    });
    dialog->show();
}

void BoardTab::editStages()
{
    StageSettingsDialog dialog(m_connection, this);
    dialog.setPrompter(m_prompter);
    if (dialog.exec() == QDialog::Accepted)
        refresh();
}

} // namespace Rapport
