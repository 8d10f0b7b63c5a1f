#include "records/keyfields.h"

#include "records/recordform.h"
#include "records/recordtypes.h"

#include <QComboBox>
#include <QLineEdit>
#include <QScrollBar>
#include <QStyle>
#include <QStyleOptionComboBox>

namespace Rapport {

namespace {

// Wide enough to read what a field holds (tst_laptopscreen holds forms to the same).
constexpr int FieldWidth = 160;

QStringList keyFields(Entity entity)
{
    QStringList out;
    for (const FieldDef &f : entityDef(entity).fields) {
        if (f.listed)
            out << QLatin1String(f.name);
    }
    return out;
}

// What a combo box draws beside its text (frame, arrow): its text gets the rest.
int comboChrome(QComboBox *combo)
{
    QStyleOptionComboBox option;
    option.initFrom(combo);
    option.editable = combo->isEditable();
    option.rect = QRect(0, 0, 1000, combo->sizeHint().height());
    const QRect text = combo->style()->subControlRect(QStyle::CC_ComboBox, &option,
                                                      QStyle::SC_ComboBoxEditField, combo);
    return option.rect.width() - text.width();
}

} // namespace

KeyFields::KeyFields(Entity entity, const QString &connection, QWidget *parent)
    : QScrollArea(parent)
    , m_form(new RecordForm(entity, connection, keyFields(entity)))
{
    setObjectName(QStringLiteral("detailScrollArea"));
    for (const QString &name : keyFields(entity)) {
        QWidget *editor = m_form->editor(name);
        if (auto *combo = qobject_cast<QComboBox *>(editor))
            combo->setMinimumWidth(FieldWidth + comboChrome(combo));
        else if (qobject_cast<QLineEdit *>(editor))
            editor->setMinimumWidth(FieldWidth);
    }
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    setFocusPolicy(Qt::NoFocus); // Tab goes from field to field, as in the record's window
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setWidget(m_form);
    setMinimumWidth(m_form->minimumSizeHint().width() + verticalScrollBar()->sizeHint().width());
    // As tall as the fields and no taller (Save sits right under them); on a short screen
    // the fields scroll.
    setMaximumHeight(m_form->sizeHint().height());
}

void KeyFields::showStarts()
{
    for (QLineEdit *edit : m_form->findChildren<QLineEdit *>())
        edit->setCursorPosition(0);
}

} // namespace Rapport
