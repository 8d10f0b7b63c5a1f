#pragma once
// Import step 1: the file, and how it is read. Encoding and delimiter are detected and
// shown in combo boxes the user can override; the preview shows the first rows exactly as
// the importer will read them and follows every override. Unreadable, empty and binary
// files get the reader's own sentence and keep Next disabled.

#include <QWizardPage>

class QComboBox;
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

    bool isComplete() const override;
    bool validatePage() override;

private:
    void browse();
    void fileChanged();
    void refresh();
    void showDetected(const QByteArray &encoding, QChar delimiter, const QString &lineEnds);

    ImportSession *m_session;
    QLineEdit *m_path;
    QComboBox *m_encoding;
    QComboBox *m_delimiter;
    QLabel *m_lineEnds;
    QLabel *m_message;
    QTableWidget *m_preview;
    bool m_ok = false;
};

} // namespace Rapport
