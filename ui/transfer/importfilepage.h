#pragma once
// Import step 1: the file, and how it is read. A CSV file's encoding and delimiter are
// detected and shown in combo boxes the user can override; a workbook's sheet is chosen; the preview shows the first rows exactly as
// the importer will read them and follows every override. Unreadable, empty and binary
// files get the reader's own sentence and keep Next disabled.

#include <QWizardPage>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace Rapport {

class ImportSession;

class ImportFilePage : public QWizardPage
{
    Q_OBJECT

public:
    explicit ImportFilePage(ImportSession *session);

    void setFilePath(const QString &path);
    bool isComplete() const override;
    bool validatePage() override;

private:
    void browse();
    void fileChanged();
    void refresh();
    void showDetected(const QByteArray &encoding, QChar delimiter, const QString &lineEnds);
    void showFormat(const struct ImportPreview &preview);

    ImportSession *m_session;
    QLineEdit *m_path;
    QComboBox *m_encoding;
    QComboBox *m_delimiter;
    QComboBox *m_sheet;
    QLabel *m_format;
    QLabel *m_lineEnds;
    QFormLayout *m_form;
    QLabel *m_message;
    QTableWidget *m_preview;
    bool m_ok = false;
};

} // namespace Rapport
