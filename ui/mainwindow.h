#pragma once
// Rapport's main window: one tab per record type over the one open database.

#include <QMainWindow>

class QTabWidget;

namespace Rapport {

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

private:
    QTabWidget *m_tabs = nullptr;
};

} // namespace Rapport
