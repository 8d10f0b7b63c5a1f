#pragma once
// File › Export…: the current tab's records as a file a spreadsheet user can edit and import
// again (CSV or an Excel workbook), or contacts as an address book (vCard). Which rows (what the tab shows now, the selected ones, all) and columns (the
// visible ones in their order, or every field), and what the file is for: Excel (formula
// guard, byte order mark, the delimiter Excel expects in the user's locale) or another
// program (plain), an Excel workbook, or (contacts) an address book. That choice sets the detailed options under it (delimiter, byte order
// mark, formula guard), which the user may still change, and is remembered. The models'
// Exporter writes the file on a worker thread; the dialog reports how many records it wrote.

#include "transfer/exporter.h"

#include <QDialog>
#include <functional>
#include <memory>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QLocale;
class QPushButton;
class QRadioButton;

namespace Rapport {

class DbWorker;
class Prompter;
class RecordTab;

class ExportDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Rows { Shown, Selected, All };
    enum class Columns { Visible, All };
    // What the file is for; each a radio button with its own objectName, in a list that
    // has room for more (a workbook).
    enum class Purpose { Excel, Plain, Workbook, AddressBook };
    // Asks where to save; "" when the user cancels.
    using FileChooser = std::function<QString(QWidget *parent, const QString &title)>;

    ExportDialog(RecordTab *tab, const QString &connection,
                 std::shared_ptr<Prompter> prompter = nullptr, QWidget *parent = nullptr);

    void setFileChooser(FileChooser chooser) { m_chooseFile = std::move(chooser); }
    // The exporter's options for the choices made in the dialog, and the file's format.
    ExportOptions options() const;
    FileFormat format() const;
    // The delimiter Excel reads in `locale`: ";" where the decimal separator is ",".
    static QChar excelDelimiter(const QLocale &locale);

Q_SIGNALS:
    void exported(qint64 rows, const QString &path);

private:
    QWidget *createRowChoice();
    QWidget *createFormatChoice();
    QWidget *createPurposeChoice();
    void applyPurpose(Purpose purpose);
    QString withSuffix(const QString &path) const;
    void browse();
    void startExport();
    void finished(qint64 rows, const QString &error);
    QStringList visibleColumns() const;

    RecordTab *m_tab;
    QString m_connection;
    std::shared_ptr<Prompter> m_prompter;
    DbWorker *m_worker;
    FileChooser m_chooseFile;
    QButtonGroup *m_rows;
    QButtonGroup *m_columns;
    QButtonGroup *m_purpose;
    QComboBox *m_delimiter;
    QCheckBox *m_bom;
    QCheckBox *m_guard;
    QLineEdit *m_path;
    QLabel *m_status;
    QPushButton *m_export;
};

} // namespace Rapport
