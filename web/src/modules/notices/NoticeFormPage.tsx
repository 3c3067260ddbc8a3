import { useEffect } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { App, Button, Card, Checkbox, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { NOTICE_BODY_MAX, NOTICE_GROUPS, NOTICE_KINDS, NOTICE_SOURCE_MAX, NOTICE_TITLE_MAX, type NoticeGroup } from '@xieshang/shared';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { options, useOrgList } from '../org/orgApi';
import type { NoticeDetail } from './types';

interface Values {
  kind: string;
  title: string;
  source?: string;
  body: string;
  departmentId?: string;
  groups: NoticeGroup[];
  committeeIds: string[];
}

/** Drafting or changing a notice: kind, title, text, the publishing department and whom it goes to. */
export default function NoticeFormPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const client = useQueryClient();
  const { me } = useAuth();
  const [form] = Form.useForm<Values>();
  const departments = useOrgList('departments');
  const committees = useOrgList('committees');
  const existing = useQuery({
    queryKey: ['notice', id],
    queryFn: () => api.get<NoticeDetail>(`/api/v1/notices/${id}`),
    enabled: Boolean(id),
  });
  useEffect(() => {
    const n = existing.data;
    if (n)
      form.setFieldsValue({
        kind: n.kind,
        title: n.title,
        source: n.source ?? '',
        body: n.body,
        departmentId: n.departmentId,
        groups: n.audience.groups,
        committeeIds: n.audience.committeeIds,
      });
  }, [existing.data, form]);

  // Staff publish for their own departments; an office granted all may publish for any.
  const mine = me?.permissions['notice.manage'] === 'all' ? undefined : new Set(me?.departmentIds ?? []);
  const departmentChoices = options(departments.data?.items).filter((d) => !mine || mine.has(d.value));

  const save = useMutation({
    mutationFn: (v: Values) => {
      const payload = {
        kind: v.kind,
        title: v.title,
        source: v.source?.trim() || null,
        body: v.body,
        departmentId: v.departmentId,
        audience: { groups: v.groups ?? [], committeeIds: v.committeeIds ?? [] },
      };
      return id ? api.patch<NoticeDetail>(`/api/v1/notices/${id}`, payload) : api.post<{ id: string }>('/api/v1/notices', payload);
    },
    onSuccess: (saved) => {
      message.success('草稿已保存');
      void client.invalidateQueries({ queryKey: ['notices'] });
      void client.invalidateQueries({ queryKey: ['notice', saved.id] });
      navigate(`/notices/${saved.id}`);
    },
    onError: (error: Error) => message.error(error.message),
  });

  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {id ? '修改通知通报' : '起草通知通报'}
        </Typography.Title>
      }
      loading={Boolean(id) && existing.isLoading}
    >
      <Form
        form={form}
        layout="vertical"
        style={{ maxWidth: 760 }}
        initialValues={{
          kind: 'notice',
          groups: ['members'],
          committeeIds: [],
          departmentId: me?.departmentIds.length === 1 ? me.departmentIds[0] : undefined,
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择类型' }]}>
          <Radio.Group optionType="button" options={Object.entries(NOTICE_KINDS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="title" label="标题" rules={[{ required: true, min: 2, message: '请填写标题（至少 2 个字）' }]}>
          <Input maxLength={NOTICE_TITLE_MAX} showCount />
        </Form.Item>
        <Form.Item name="source" label="来源（可选）" extra="通报区委区政府有关部门的工作时，写明部门；不填即为本部门发布">
          <Input maxLength={NOTICE_SOURCE_MAX} placeholder="如区发展改革委" />
        </Form.Item>
        {departmentChoices.length > 1 && (
          <Form.Item name="departmentId" label="发布部门" rules={[{ required: true, message: '请选择发布部门' }]}>
            <Select options={departmentChoices} />
          </Form.Item>
        )}
        <Form.Item name="groups" label="接收人">
          <Checkbox.Group options={Object.entries(NOTICE_GROUPS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="committeeIds" label="专委会委员（可选）">
          <Select mode="multiple" allowClear placeholder="选择专委会，发给其全体委员" options={options(committees.data?.items)} />
        </Form.Item>
        <Form.Item
          name="body"
          label="正文"
          rules={[
            { required: true, message: '请填写正文' },
            { min: 2, message: '正文至少 2 个字' },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 8 }} maxLength={NOTICE_BODY_MAX} showCount />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            保存草稿
          </Button>
          <Button onClick={() => navigate(-1)}>取消</Button>
        </Space>
      </Form>
    </Card>
  );
}
