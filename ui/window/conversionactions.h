#pragma once
// The main window's lead conversion commands: Convert (toolbar, Lead menu, the leads table's
// context menu, Ctrl+Shift+C) opens the wizard for one lead or the queue for several;
// Unconvert… undoes a conversion any time later. Each conversion leaves a step on the main
// window's undo stack, and every tab reloads after a conversion or its undo.

#include "conversion/conversionplan.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <memory>

class QAction;
class QUndoStack;

namespace Rapport {

class MainWindow;
class Prompter;
class RecordTab;
struct ConversionResult;

class ConversionActions : public QObject
{
    Q_OBJECT

public:
    ConversionActions(MainWindow *window, QUndoStack *undoStack);

    QList<QAction *> actions() const;
    QAction *convertAction() const { return m_convert; }
    QAction *unconvertAction() const { return m_unconvert; }
    // Who answers questions and sees errors; the message boxes unless a test says so.
    void setPrompter(std::shared_ptr<Prompter> prompter);

    void convertSelected();
    void unconvertCurrent();

    // Follows the window's tabs and the Leads selection; the window calls it when it has
    // built the tabs for a database.
    void update();

private:
    void converted(const ConversionPlan &plan, const ConversionResult &result);
    void reloadAll();

    MainWindow *m_window;
    QUndoStack *m_undoStack;
    std::shared_ptr<Prompter> m_prompter;
    QAction *m_convert;
    QAction *m_unconvert;
    QPointer<RecordTab> m_leadsTab;
    QString m_connection; // the database the undo steps belong to
};

} // namespace Rapport
