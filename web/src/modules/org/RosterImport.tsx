import { useState, type HTMLAttributes } from 'react';
import { Alert, Button, Modal, Space, Steps, Table, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ROSTER_COLUMNS } from '@xieshang/shared';
import { api, ApiError } from '../../api/client';
import { download } from './orgApi';

interface PreviewRow {
  row: number;
  values: Record<string, string>;
  errors: { column: string; message: string }[];
}
interface Preview {
  columns: string[];
  total: number;
  errorRows: number;
  errorCount: number;
  ok: boolean;
  rows: PreviewRow[];
}

/** 委员名册导入: upload → preview every row (bad cells marked with the reason) → fix and upload again → confirm. */
export function RosterImport({ open, onClose }: { open: boolean; onClose(): void }) {
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [done, setDone] = useState<number | null>(null);
  const check = useMutation({
    mutationFn: (f: File) => api.upload<Preview>('/api/v1/members/import/preview', f),
    onSuccess: (p) => setPreview(p),
    onError: () => setPreview(null),
  });
  const confirm = useMutation({
    mutationFn: (f: File) => api.upload<{ imported: number }>('/api/v1/members/import/confirm', f),
    onSuccess: (r) => {
      setDone(r.imported);
      void client.invalidateQueries({ queryKey: ['members'] });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'roster_invalid') setPreview(error.details as Preview);
    },
  });
  const reset = () => {
    setFile(null);
    setPreview(null);
    setDone(null);
    check.reset();
    confirm.reset();
  };
  const columns = preview ? [...new Set([...ROSTER_COLUMNS, ...preview.columns])].filter((c) => preview.columns.includes(c)) : [];
  const step = done !== null ? 2 : preview ? 1 : 0;
  const error = (check.error ?? confirm.error) as Error | null;

  return (
    <Modal
      open={open}
      title="导入委员名册"
      width={1100}
      onCancel={() => {
        reset();
        onClose();
      }}
      footer={null}
      destroyOnHidden
    >
      <Steps
        size="small"
        current={step}
        items={[{ title: '上传名册' }, { title: '检查' }, { title: '完成' }]}
        style={{ marginBottom: 16 }}
      />
      {done !== null ? (
        <Alert type="success" showIcon message={`已导入 ${done} 名委员`} action={<Button onClick={reset}>继续导入</Button>} />
      ) : (
        <>
          <Space wrap style={{ marginBottom: 12 }}>
            <Upload
              accept=".xlsx"
              maxCount={1}
              showUploadList={false}
              beforeUpload={(f) => {
                setFile(f);
                check.mutate(f);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} loading={check.isPending}>
                {file ? '重新上传修改后的名册' : '选择名册文件（.xlsx）'}
              </Button>
            </Upload>
            <Button type="link" onClick={() => download('/api/v1/members/import/template')}>
              下载名册模板
            </Button>
            {file && <Typography.Text type="secondary">{file.name}</Typography.Text>}
          </Space>
          {error && !(error instanceof ApiError && error.code === 'roster_invalid') && (
            <Alert type="error" showIcon message={error.message} style={{ marginBottom: 12 }} />
          )}
          {preview && (
            <>
              {preview.ok ? (
                <Alert type="success" showIcon message={`共 ${preview.total} 行，全部检查通过，可以导入`} style={{ marginBottom: 12 }} />
              ) : (
                <Alert
                  type="error"
                  showIcon
                  message={`共 ${preview.total} 行，其中 ${preview.errorRows} 行有 ${preview.errorCount} 处问题；请在 Excel 中修改后重新上传，问题全部解决后才能导入`}
                  style={{ marginBottom: 12 }}
                />
              )}
              <Table<PreviewRow>
                size="small"
                rowKey="row"
                dataSource={preview.rows}
                pagination={{ pageSize: 50, hideOnSinglePage: true }}
                scroll={{ x: 'max-content' }}
                onRow={(r) =>
                  ({ style: r.errors.length ? { background: '#fff1f0' } : undefined, 'data-row': r.row }) as HTMLAttributes<HTMLElement>
                }
                columns={[
                  { title: '行号', dataIndex: 'row', fixed: 'left', width: 64, render: (n: number) => `第 ${n} 行` },
                  {
                    title: '问题',
                    key: 'errors',
                    width: 320,
                    render: (_: unknown, r: PreviewRow) =>
                      r.errors.length ? (
                        <ul style={{ margin: 0, paddingLeft: 16, color: '#cf1322' }}>
                          {r.errors.map((e, i) => (
                            <li key={i}>
                              {e.column}：{e.message}
                            </li>
                          ))}
                        </ul>
                      ) : (
                        <Typography.Text type="success">无误</Typography.Text>
                      ),
                  },
                  ...columns.map((c) => ({
                    title: c,
                    key: c,
                    render: (_: unknown, r: PreviewRow) => {
                      const bad = r.errors.some((e) => e.column === c);
                      return bad ? (
                        <span style={{ color: '#cf1322', fontWeight: 600, borderBottom: '2px solid #cf1322' }}>
                          {r.values[c] || '（空）'}
                        </span>
                      ) : (
                        (r.values[c] ?? '')
                      );
                    },
                  })),
                ]}
              />
              <Space style={{ marginTop: 12 }}>
                <Button
                  type="primary"
                  disabled={!preview.ok || !file}
                  loading={confirm.isPending}
                  onClick={() => file && confirm.mutate(file)}
                >
                  确认导入 {preview.ok ? `${preview.total} 名委员` : ''}
                </Button>
              </Space>
            </>
          )}
        </>
      )}
    </Modal>
  );
}
