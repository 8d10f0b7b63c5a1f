#include "pipeline/cardmodel.h"

#include "prompts/warningtext.h"
#include "records/recordtypes.h"
#include "records/valuetext.h"

#include <QApplication>
#include <QMimeData>
#include <QPainter>

namespace Rapport {

namespace {

QString amountText(const BoardCard &c)
{
    return c.amount.isNull() ? QString()
                             : valueText(*findField(Entity::Deal, QStringLiteral("amount")), c.amount);
}

QString badgeText(const BoardCard &c)
{
    // A closed deal needs no next step: it says why it closed.
    if (Pipeline::isClosed(c.stage))
        return c.closeReason;
    const QString when = c.nextDue.isValid()
        ? QLocale().toString(c.nextDue.toLocalTime().date(), QLocale::ShortFormat) : QString();
    switch (c.next) {
    case NextActivity::Overdue:
        return CardModel::tr("Overdue since %1").arg(when);
    case NextActivity::Today:
        return CardModel::tr("Next step today");
    case NextActivity::Later:
        return when.isEmpty() ? CardModel::tr("Next step planned") : CardModel::tr("Next step %1").arg(when);
    case NextActivity::None:
        break;
    }
    return CardModel::tr("No next step");
}

bool closerFirst(const BoardCard &a, const BoardCard &b)
{
    if (a.closing.isValid() != b.closing.isValid())
        return a.closing.isValid();
    if (a.closing != b.closing)
        return a.closing < b.closing;
    return a.id < b.id;
}

} // namespace

CardModel::CardModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void CardModel::setCards(const QList<BoardCard> &cards)
{
    // A column a move did not touch reads back the same: left as it is, it is not laid out
    // and painted again (seven columns of cards are most of a frame), and keeps its place.
    if (cards == m_cards)
        return;
    beginResetModel();
    m_cards = cards;
    endResetModel();
}

int CardModel::rowOfDeal(qint64 id) const
{
    for (int i = 0; i < m_cards.size(); ++i)
        if (m_cards[i].id == id)
            return i;
    return -1;
}

int CardModel::insertCard(const BoardCard &card)
{
    const auto at = std::lower_bound(m_cards.cbegin(), m_cards.cend(), card, closerFirst);
    const int row = int(at - m_cards.cbegin());
    beginInsertRows({}, row, row);
    m_cards.insert(row, card);
    endInsertRows();
    return row;
}

int CardModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_cards.size());
}

QVariant CardModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_cards.size())
        return {};
    const BoardCard &c = m_cards[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        return c.name;
    case Qt::ToolTipRole:
    case Qt::AccessibleTextRole:
        return describe(c);
    case DealIdRole:
        return c.id;
    default:
        return {};
    }
}

Qt::ItemFlags CardModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::ItemIsDropEnabled;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled;
}

bool CardModel::removeRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || row < 0 || count <= 0 || row + count > m_cards.size())
        return false;
    beginRemoveRows({}, row, row + count - 1);
    m_cards.remove(row, count);
    endRemoveRows();
    return true;
}

QStringList CardModel::mimeTypes() const
{
    return {QLatin1String(MimeType)};
}

QMimeData *CardModel::mimeData(const QModelIndexList &indexes) const
{
    if (indexes.isEmpty())
        return nullptr;
    auto *data = new QMimeData;
    data->setData(QLatin1String(MimeType),
                  QByteArray::number(indexes.first().data(DealIdRole).toLongLong()));
    return data;
}

bool CardModel::canDropMimeData(const QMimeData *data, Qt::DropAction, int, int,
                                const QModelIndex &) const
{
    if (!data || !data->hasFormat(QLatin1String(MimeType)))
        return false;
    // A card dropped back on its own column is no move.
    return rowOfDeal(data->data(QLatin1String(MimeType)).toLongLong()) < 0;
}

bool CardModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                             const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    Q_EMIT dealDropped(data->data(QLatin1String(MimeType)).toLongLong());
    return true;
}

QString CardModel::describe(const BoardCard &c)
{
    QStringList parts{c.name};
    if (!c.account.isEmpty())
        parts << c.account;
    if (const QString amount = amountText(c); !amount.isEmpty())
        parts << amount;
    if (c.closing.isValid())
        parts << tr("closes %1").arg(QLocale().toString(c.closing, QLocale::ShortFormat));
    if (!c.owner.isEmpty())
        parts << c.owner;
    if (const QString badge = badgeText(c); !badge.isEmpty())
        parts << badge;
    if (c.stale)
        parts << tr("going stale: %n day(s) in this stage", nullptr, c.daysInStage);
    return parts.join(QStringLiteral(" — "));
}

void CardDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                         const QModelIndex &index) const
{
    const auto *model = qobject_cast<const CardModel *>(index.model());
    if (!model || index.row() >= model->cards().size())
        return;
    const BoardCard *card = &model->cards().at(index.row());
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    painter->save();
    // The card: a raised panel with the item's selection and focus, as the style draws them.
    const QRect box = option.rect.adjusted(4, 3, -4, -3);
    const bool selected = option.state & QStyle::State_Selected;
    const QPalette &pal = option.palette;
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(selected ? pal.color(QPalette::Highlight) : pal.color(QPalette::Mid), selected ? 2 : 1));
    painter->setBrush(pal.color(QPalette::Base));
    painter->drawRoundedRect(box, 4, 4);
    if (card->stale) {
        // A bar down the left side: going stale.
        painter->setPen(Qt::NoPen);
        painter->setBrush(warningTextColour(pal, QPalette::Base));
        painter->drawRect(QRect(box.left() + 1, box.top() + 4, 3, box.height() - 8));
    }
    const QRect text = box.adjusted(10, 6, -8, -6);
    const QFontMetrics fm(opt.font);
    const int line = fm.height();
    QFont bold = opt.font;
    bold.setBold(true);
    painter->setPen(pal.color(QPalette::Text));
    painter->setFont(bold);
    painter->drawText(QRect(text.left(), text.top(), text.width(), line), Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(bold).elidedText(card->name, Qt::ElideRight, text.width()));
    painter->setFont(opt.font);
    const auto row = [&](int n, const QString &left, const QString &right, const QColor &colour) {
        const QRect r(text.left(), text.top() + n * line, text.width(), line);
        painter->setPen(colour);
        const int rightWidth = right.isEmpty() ? 0 : fm.horizontalAdvance(right) + 8;
        painter->drawText(r.adjusted(0, 0, -rightWidth, 0), Qt::AlignLeft | Qt::AlignVCenter,
                          fm.elidedText(left, Qt::ElideRight, r.width() - rightWidth));
        if (!right.isEmpty())
            painter->drawText(r, Qt::AlignRight | Qt::AlignVCenter, right);
    };
    const QColor dim = pal.color(QPalette::PlaceholderText);
    row(1, card->account, card->owner, dim);
    row(2, amountText(*card),
        card->closing.isValid() ? QLocale().toString(card->closing, QLocale::ShortFormat) : QString(),
        pal.color(QPalette::Text));
    const bool late = !Pipeline::isClosed(card->stage)
        && (card->next == NextActivity::Overdue || card->next == NextActivity::None);
    row(3, badgeText(*card),
        card->stale ? CardModel::tr("%n day(s) here", nullptr, card->daysInStage) : QString(),
        late || card->stale ? warningTextColour(pal, QPalette::Base) : dim);
    if (option.state & QStyle::State_HasFocus) {
        QStyleOptionFocusRect focus;
        focus.initFrom(widget);
        focus.rect = box.adjusted(2, 2, -2, -2);
        focus.backgroundColor = pal.color(QPalette::Base);
        style->drawPrimitive(QStyle::PE_FrameFocusRect, &focus, painter, widget);
    }
    painter->restore();
}

QSize CardDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    const QFontMetrics fm(option.font);
    return {fm.averageCharWidth() * 30, fm.height() * 4 + 18};
}

} // namespace Rapport
