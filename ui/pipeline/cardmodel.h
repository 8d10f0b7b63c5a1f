#pragma once
// The cards of one board column as a list model, and how a card is painted: the deal's
// name, its account and owner, amount and close date, the next-activity badge and the
// going-stale mark. Cards are dragged out as the deal's id; dropping one on another
// column's list asks the board to move it there.

#include "pipeline/board.h"

#include <QAbstractListModel>
#include <QStyledItemDelegate>

namespace Rapport {

class CardModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role { DealIdRole = Qt::UserRole + 1 };
    static constexpr const char *MimeType = "application/x-rapport-deal";

    explicit CardModel(QObject *parent = nullptr);

    // The cards as read; nothing happens (no reset) when they are the ones shown.
    void setCards(const QList<BoardCard> &cards);
    const QList<BoardCard> &cards() const { return m_cards; }
    int rowOfDeal(qint64 id) const;
    // Puts the card where the column's order (soonest to close first) has it; its row.
    int insertCard(const BoardCard &card);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool removeRows(int row, int count, const QModelIndex &parent = {}) override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;
    Qt::DropActions supportedDropActions() const override { return Qt::MoveAction; }
    Qt::DropActions supportedDragActions() const override { return Qt::MoveAction; }

    // One line for screen readers and tooltips: every part of the card in words.
    static QString describe(const BoardCard &card);

Q_SIGNALS:
    // A card of another column was dropped here.
    void dealDropped(qint64 dealId);

private:
    QList<BoardCard> m_cards;
};

class CardDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace Rapport
