#pragma once
// The pipeline board: the deals as cards in a column per stage, in the stage list's order,
// each column headed by its count, total and weighted total as the database computes them
// over the whole filter. Filtered like the Deals tab (search, owner, close date). A card is
// dragged to another column, or moved with Ctrl+Left / Ctrl+Right; Left and Right go from
// column to column, Enter opens the deal, Ctrl+T schedules an activity on it. Moving to
// Closed Won or Closed Lost asks why. Every move is a step on the window's undo stack
// (Ctrl+Z). The board is read and written off the window's thread: a move shows at once and
// is written in the background (put back, with the reason, if the database refuses it), and
// the columns' figures follow.

#include "pipeline/board.h"

#include <QWidget>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QScrollArea;
class QTimer;
class QUndoCommand;
class QUndoStack;
class QHBoxLayout;

namespace Rapport {

class BoardWriter;
class CardModel;
class DbWorker;
class Prompter;

class BoardTab : public QWidget
{
    Q_OBJECT

public:
    BoardTab(const QString &connection, QUndoStack *undoStack, QWidget *parent = nullptr);
    ~BoardTab() override;

    void setPrompter(std::shared_ptr<Prompter> prompter);
    // Reads the board again (in the background), keeping the selected card selected.
    void refresh();
    // While the board is read, or moves and undos are still being written.
    bool isLoading() const;

    BoardFilter filter() const;
    int columnCount() const { return int(m_columns.size()); }
    const BoardColumn &column(int index) const { return m_board.columns.at(index); }
    QListView *list(int column) const;
    QLabel *header(int column) const;
    QLineEdit *searchBox() const { return m_search; }
    // The column a deal's card is in, and its row there; -1 if it shows nowhere.
    QPair<int, int> find(qint64 dealId) const;
    qint64 currentDeal() const;

    // Moves the deal as a drag or the keyboard does: asks for the reason on a closed stage,
    // shows the card in its new column at once and writes the move in the background; false
    // if it did not move (the rep cancelled, or no stage to move to). A move the database
    // then refuses goes back, and the board says why.
    bool moveDeal(qint64 dealId, int toColumn);

Q_SIGNALS:
    void openRequested(Rapport::Entity entity, qint64 id);
    // A deal was moved (or a move undone) here: other lists may show it.
    void changed();
    // The board was read and shown.
    void loaded();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    struct Column {
        QWidget *box;
        QLabel *header;
        QListView *list;
        CardModel *model;
    };

    bool moveCard(const BoardCard &card, int fromColumn, int toColumn);
    void showMoved(const BoardCard &card, int toColumn);
    void moveDone(const BoardCard &card, int fromColumn, const QUndoCommand *command, bool first,
                  bool ok, const QString &error);
    void buildColumns(int count);
    void present(const Board &board);
    void updateHeader(int index);
    int columnOf(const QListView *list) const;
    void focusColumn(int index, int nearRow);
    void newActivity(qint64 dealId);
    void editStages();

    QString m_connection;
    QUndoStack *m_undo;
    std::shared_ptr<Prompter> m_prompter;
    std::unique_ptr<DbWorker> m_reader;
    BoardWriter *m_writer; // the moves and their undos, off the window's thread
    QLineEdit *m_search;
    QComboBox *m_owner;
    QComboBox *m_closing;
    QLabel *m_status;
    QScrollArea *m_scroll;
    QWidget *m_strip;
    QHBoxLayout *m_columnsLayout;
    QTimer *m_searchTimer;
    QList<Column> m_columns;
    Board m_board;
    bool m_loading = false;
    bool m_pending = false; // a read was asked for while one (or a write) ran
    bool m_stale = true;    // read again when shown
    qint64 m_keep = 0;      // the deal to select once the board is read
};

} // namespace Rapport
