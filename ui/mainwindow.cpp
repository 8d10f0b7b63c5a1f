#include "mainwindow.h"

#include <QTabWidget>

namespace Rapport {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_tabs(new QTabWidget(this))
{
    setCentralWidget(m_tabs);
}

MainWindow::~MainWindow() = default;

} // namespace Rapport
