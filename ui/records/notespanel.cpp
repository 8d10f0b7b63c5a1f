#include "records/notespanel.h"

#include "storage/notestore.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

namespace Rapport {

NotesPanel::NotesPanel(Entity entity, qint64 recordId, const QString &connection,
                       QWidget *parent)
    : QWidget(parent)
    , m_entity(entity)
    , m_recordId(recordId)
    , m_connection(connection)
{
    setObjectName(QStringLiteral("notesPanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *title = new QLabel(tr("Notes"), this);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    layout->addWidget(title);

    m_edit = new QPlainTextEdit(this);
    m_edit->setObjectName(QStringLiteral("noteEdit"));
    m_edit->setAccessibleName(tr("New note"));
    m_edit->setAccessibleDescription(tr("Ctrl+Enter adds the note to the record."));
    m_edit->setPlaceholderText(tr("Write a note… (Ctrl+Enter adds it)"));
    m_edit->setTabChangesFocus(true);
    m_edit->setMaximumHeight(m_edit->fontMetrics().lineSpacing() * 5);
    layout->addWidget(m_edit);

    m_add = new QPushButton(tr("Add note"), this);
    m_add->setObjectName(QStringLiteral("addNoteButton"));
    m_add->setToolTip(tr("Add the note to the record (Ctrl+Enter)"));
    m_add->setAutoDefault(false); // Enter in the dialog saves the record, not the note
    m_add->setEnabled(false);
    auto *row = new QHBoxLayout;
    row->addStretch();
    row->addWidget(m_add);
    layout->addLayout(row);

    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("notesList"));
    m_list->setAccessibleName(tr("Notes"));
    m_list->setAccessibleDescription(tr("The record's notes, newest first."));
    m_list->setWordWrap(true);
    m_list->setAlternatingRowColors(true);
    layout->addWidget(m_list, 1);

    connect(m_edit, &QPlainTextEdit::textChanged, this, [this] {
        m_add->setEnabled(hasPendingNote());
        Q_EMIT pendingNoteChanged(hasPendingNote());
    });
    connect(m_add, &QPushButton::clicked, this, [this] {
        if (const QString error = addPendingNote(); !error.isEmpty())
            Q_EMIT noteFailed(error);
    });
    auto *shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), m_edit);
    shortcut->setContext(Qt::WidgetShortcut);
    connect(shortcut, &QShortcut::activated, m_add, &QPushButton::click);
    reload();
}

bool NotesPanel::hasPendingNote() const
{
    return !m_edit->toPlainText().trimmed().isEmpty();
}

QString NotesPanel::addPendingNote()
{
    if (!hasPendingNote())
        return {};
    const WriteResult added = NoteStore(m_connection).add(m_entity, m_recordId, m_edit->toPlainText());
    if (!added.ok())
        return added.error;
    m_edit->clear();
    reload();
    return {};
}

void NotesPanel::reload()
{
    m_list->clear();
    const QList<Note> notes = NoteStore(m_connection).list(m_entity, m_recordId);
    for (const Note &note : notes) {
        const QString when = locale().toString(note.created.toLocalTime(), QLocale::ShortFormat);
        auto *item = new QListWidgetItem(tr("%1\n%2").arg(when, note.body), m_list);
        item->setData(Qt::UserRole, note.id);
        item->setToolTip(locale().toString(note.created.toLocalTime(), QLocale::LongFormat));
    }
    if (notes.isEmpty()) {
        auto *item = new QListWidgetItem(tr("No notes yet."), m_list);
        item->setFlags(Qt::NoItemFlags);
    }
}

} // namespace Rapport
